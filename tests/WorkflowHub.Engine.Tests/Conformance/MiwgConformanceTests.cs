using System.Text;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Tests.Parsing;

namespace WorkflowHub.Engine.Tests.Conformance;

/// <summary>
/// The 21 BPMN MIWG reference files (CC BY 3.0, see miwg/LICENSE.txt) from many modelling tools: every one
/// imports without a crash, executable processes are compiled, and what is not executed is listed.
/// </summary>
public sealed class MiwgConformanceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance", "miwg");

    private static BpmnDocument Parse(string file, bool deploy = false)
    {
        using var stream = File.OpenRead(Path.Combine(Folder, file));
        return new BpmnParser(new BpmnParserOptions { DeployMode = deploy }).Parse(stream);
    }

    private static FlowNode Node(BpmnDocument document, string id) =>
        document.Processes.Select(p => p.Nodes.GetValueOrDefault(id)).Single(n => n is not null)!;

    [Fact]
    public void All_21_reference_files_and_their_licence_are_present()
    {
        Assert.Equal(21, Directory.GetFiles(Folder, "*.bpmn").Length);
        Assert.True(File.Exists(Path.Combine(Folder, "LICENSE.txt")));
    }

    /// <summary>File, executable processes, ignored elements (one entry per top-most ignored element).</summary>
    [Theory]
    [InlineData("A.1.0.bpmn", 0, 2)]
    [InlineData("A.2.0.bpmn", 0, 2)]
    [InlineData("A.2.1.bpmn", 0, 2)]
    [InlineData("A.3.0.bpmn", 0, 2)]
    [InlineData("A.4.0.bpmn", 0, 4)]
    [InlineData("A.4.1.bpmn", 0, 4)]
    [InlineData("B.1.0.bpmn", 0, 9)]
    [InlineData("B.2.0.bpmn", 0, 9)]
    [InlineData("C.1.0.bpmn", 1, 118)]
    [InlineData("C.1.1.bpmn", 1, 131)]
    [InlineData("C.2.0.bpmn", 0, 6)]
    [InlineData("C.3.0.bpmn", 1, 64)]
    [InlineData("C.4.0.bpmn", 0, 16)]
    [InlineData("C.5.0.bpmn", 0, 7)]
    [InlineData("C.6.0.bpmn", 0, 2)]
    [InlineData("C.7.0.bpmn", 0, 8)]
    [InlineData("C.8.0.bpmn", 0, 4)]
    [InlineData("C.8.1.bpmn", 1, 155)]
    [InlineData("C.9.0.bpmn", 1, 39)]
    [InlineData("C.9.1.bpmn", 1, 4)]
    [InlineData("C.9.2.bpmn", 1, 11)]
    public void Reference_file_imports_without_a_crash_and_lists_its_ignored_elements(string file, int executable, int ignored)
    {
        var validated = Parse(file);
        var deployed = Parse(file, deploy: true);

        Assert.Equal(executable, validated.Processes.Count);
        Assert.Equal(ignored, validated.Ignored.Count);
        Assert.Contains(validated.Ignored, i => i.ElementType is not null && i.ElementType.EndsWith("BPMNDiagram", StringComparison.Ordinal));
        Assert.All(validated.Ignored.Concat(validated.Problems), p => Assert.True(p.Line >= 1 && p.Column >= 1, p.ToString()));
        Assert.All(validated.Ignored, i => Assert.False(string.IsNullOrEmpty(i.ElementType)));
        Assert.DoesNotContain(validated.Problems, p => p.Message.StartsWith("malformed", StringComparison.Ordinal));
        // Validate reports what cannot run as warnings, so every reference file imports.
        Assert.False(validated.HasErrors, string.Join("\n", validated.Problems));
        Assert.Equal(executable, deployed.Processes.Count);
        if (executable == 0)
        {
            Assert.Equal(ProblemSeverity.Error, deployed.Problem("has no executable process").Severity);
            Assert.Equal(ProblemSeverity.Warning, validated.Problem("has no executable process").Severity);
        }
    }

    [Theory]
    [InlineData("A.1.0.bpmn", "WFP-6-")]
    [InlineData("A.4.1.bpmn", "sid-34746A54-1D7D-46CA-B219-0C4CEAE51170")]
    [InlineData("B.2.0.bpmn", "WFP-0-")]
    [InlineData("C.4.0.bpmn", "_42cba3a9-a8ab-40b5-b9a4-2e8f32be364e")]
    public void Family_A_B_non_executable_processes_are_listed_as_ignored(string file, string processId)
    {
        var document = Parse(file);
        var entry = Assert.Single(document.Ignored, i => i.ElementId == processId);
        Assert.Equal(("process", "ignored: not executed (process is not executable)"), (entry.ElementType, entry.Message));
    }

    [Fact]
    public void B_2_0_lists_its_global_task_data_store_category_and_collaboration()
    {
        var types = Parse("B.2.0.bpmn").Ignored.Select(i => i.ElementType).ToList();
        Assert.Equal(4, types.Count(t => t == "process"));
        Assert.Contains("globalUserTask", types);
        Assert.Contains("dataStore", types);
        Assert.Contains("category", types);
        Assert.Contains("collaboration", types);
    }

    [Fact]
    public void C_1_0_reads_camunda_prefixed_attributes_bound_to_the_legacy_activiti_uri()
    {
        var document = Parse("C.1.0.bpmn");
        var model = Assert.Single(document.Processes);
        Assert.Equal("bpmn-miwg-test-case-c.1.0", model.Key);

        var approve = model.GetNode("approveInvoice").UserTask!;
        Assert.Equal("${approver}", approve.Assignee?.Text);
        Assert.Equal("app:approveInvoice.jsf", approve.FormKey);
        Assert.Equal("accounting", model.GetNode("prepareBankTransfer").UserTask?.CandidateGroups?.Text);
        Assert.Equal("Rechnung klären", model.GetNode("reviewInvoice").Name);

        var start = Assert.Single(model.MessageStartEvents);
        Assert.Equal(("StartEvent_1", "invoice-received-C.1.0"), (start.Id, start.Event.MessageName));
        Assert.Equal("${approved}", model.Flows["invoiceApproved"].Condition?.Text);
        Assert.Equal(["invoiceApproved", "invoiceNotApproved"], model.GetNode("invoice_approved").Outgoing.Select(f => f.Id));

        // camunda:delegateExpression names the in-process handler that runs it (deploy checks it is registered).
        Assert.Equal(ElementKind.ServiceTask, model.GetNode("archiveInvoice").Kind);
        Assert.NotNull(model.GetNode("archiveInvoice").Service?.Delegate);
        Assert.Contains(document.Ignored, i => i.ElementType == "laneSet");
        Assert.Contains(document.Ignored, i => i.ElementType == "signavio:signavioMetaData");
        Assert.Contains(document.Ignored, i => i.ElementId == "sid-5FBB6CB3-8A7C-42B5-9024-15BB2684EC57");
    }

    [Fact]
    public void C_1_1_lists_data_objects_and_io_specifications_as_ignored()
    {
        var document = Parse("C.1.1.bpmn");
        Assert.Equal("handle-invoice", Assert.Single(document.Processes).Key);
        Assert.Equal("demo", Node(document, "assignApprover").UserTask?.Assignee?.Text);
        var types = document.Ignored.Select(i => i.ElementType).ToList();
        Assert.Equal(3, types.Count(t => t == "dataObject"));
        Assert.Equal(3, types.Count(t => t == "ioSpecification"));
        Assert.Equal(4, types.Count(t => t == "potentialOwner"));
    }

    [Fact]
    public void C_3_0_resolves_message_start_and_attaches_timer_and_message_boundaries()
    {
        var document = Parse("C.3.0.bpmn");
        var model = Assert.Single(document.Processes);

        Assert.Equal("Service Level", Assert.Single(model.MessageStartEvents).Event.MessageName);
        var timer = model.GetNode("Bpmn_BoundaryEvent_sS9gABqGEeWDuOtG0oS24A");
        Assert.Equal((TimerKind.Duration, "PT2H"), (timer.Event.Timer!.Kind, timer.Event.Timer.Value.Text));
        Assert.Equal("_6a34496f-8cf7-42e5-88a9-d1af98cc3cba", timer.AttachedTo?.Id);
        Assert.Contains(timer, timer.AttachedTo!.BoundaryEvents);
        var empty = document.Problem("an empty sub-process");
        Assert.Equal(("_cd6f230f-13c3-4027-aa3e-57de601a1ab2", "subProcess", ProblemSeverity.Warning), (empty.ElementId, empty.ElementType, empty.Severity));
        Assert.Equal(ProblemSeverity.Error, Parse("C.3.0.bpmn", deploy: true).Problem("an empty sub-process").Severity);
    }

    [Fact]
    public void C_8_1_reports_business_rule_task_and_zeebe_tasks_it_cannot_execute()
    {
        var deployed = Parse("C.8.1.bpmn", deploy: true);

        var rule = deployed.Problem("cannot execute businessRuleTask");
        Assert.Equal((ProblemSeverity.Error, "_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32"), (rule.Severity, rule.ElementId));
        Assert.Equal(8, deployed.Errors().Count());
        var error = Node(deployed, "_f8fcb377-3d7d-4138-9a7e-6ab58b97e29d");
        Assert.Equal((EventKind.Error, "404"), (error.Event.Kind, error.Event.ErrorCode));
        Assert.Contains(deployed.Ignored, i => i.ElementType == "zeebe:taskDefinition");
    }

    [Fact]
    public void C_9_0_reads_event_sub_processes_call_activity_and_error_boundary()
    {
        var document = Parse("C.9.0.bpmn");

        var model = Assert.Single(document.Processes);
        Assert.Equal(["Activity_1ke2ixr", "Activity_0vp33kx"], model.Root.EventSubProcesses.Select(s => s.Id));
        Assert.Equal((EventKind.Error, true), (Node(document, "StartErrorEvent_Timeout").Event.Kind, Node(document, "StartErrorEvent_Timeout").IsInterrupting));
        Assert.Same(Node(document, "StartMessageEvent_CancellationRequested"), Node(document, "Activity_0vp33kx").InnerScope?.EventStart);
        Assert.Equal("ManualCheck", Node(document, "Activity_ManualCheck").CallActivity?.CalledElement.Text);
        var fraud = Node(document, "ErrorBoundaryEvent_FraudDetected");
        Assert.Equal(("02", "Activity_ManualCheck"), (fraud.Event.ErrorCode, fraud.AttachedTo?.Id));
        Assert.Equal(EventKind.Terminate, Node(document, "TerminateEvent_ApplicationCanceledFraud").Event.Kind);
    }

    [Fact]
    public void C_9_1_deploys_cleanly_with_external_send_tasks_receive_task_and_timer_boundaries()
    {
        var document = Parse("C.9.1.bpmn", deploy: true);
        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        var model = Assert.Single(document.Processes);

        var request = model.GetNode("SendTask_RequestDocument");
        Assert.Equal((ElementKind.SendTask, "emailService", true), (request.Kind, request.Service?.Topic, request.AsyncBefore));
        Assert.True(model.GetNode("EndEvent_GotDocument").AsyncAfter);
        var wait = model.GetNode("ReceiveTask_WaitForDocument");
        Assert.Equal("MESSAGE_documentReceived", wait.Event.MessageName);
        Assert.Equal(["BoundaryEvent_1", "BoundaryEvent_2"], wait.BoundaryEvents.Select(b => b.Id));
        var daily = model.GetNode("BoundaryEvent_1");
        Assert.Equal((TimerKind.Cycle, "R6/P1D", false), (daily.Event.Timer!.Kind, daily.Event.Timer.Value.Text, daily.CancelActivity));
        Assert.Equal((TimerKind.Duration, "P7D", true), (model.GetNode("BoundaryEvent_2").Event.Timer!.Kind, model.GetNode("BoundaryEvent_2").Event.Timer!.Value.Text, model.GetNode("BoundaryEvent_2").CancelActivity));
        Assert.Same(model.GetNode("StartEvent_DocumentRequested"), model.Root.NoneStart);
    }

    [Fact]
    public void C_9_2_reads_error_end_event_code_and_timer_boundary()
    {
        var document = Parse("C.9.2.bpmn");
        Assert.Equal("02", Node(document, "ErrorEndEvent_Timeout").Event.ErrorCode);
        Assert.Equal("P7D", Node(document, "TimerEvent_Timeout").Event.Timer?.Value.Text);
        var starts = Assert.Single(document.Processes).Root.EventSubProcesses.Select(s => s.InnerScope?.EventStart).ToList();
        Assert.Equal([EventKind.Message, EventKind.Timer, EventKind.Message], starts.Select(s => s!.Event.Kind));
        Assert.All(starts, s => Assert.False(s!.IsInterrupting));
    }

    [Fact]
    public void Iso_8859_1_reference_files_declare_their_encoding_and_a_latin1_name_is_read_from_the_bytes()
    {
        var latin1Files = Directory.GetFiles(Folder, "*.bpmn")
            .Where(f => File.ReadLines(f).First().Contains("encoding=\"ISO-8859-1\"", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["A.1.0.bpmn", "A.2.0.bpmn", "A.3.0.bpmn", "A.4.0.bpmn", "B.1.0.bpmn", "B.2.0.bpmn"], latin1Files);

        // The reference files hold only ASCII names, so put a Latin-1 one (single bytes 0xFC, 0xF6, 0xDF) into
        // A.1.0 and make its process executable: it must be read through the declared encoding, not as UTF-8.
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Folder, "A.1.0.bpmn")))
            .Replace("isExecutable=\"false\"", "isExecutable=\"true\"", StringComparison.Ordinal)
            .Replace("name=\"Task 1\"", "name=\"Prüfung der Größe\"", StringComparison.Ordinal);
        var bytes = Encoding.Latin1.GetBytes(text);
        Assert.DoesNotContain("Prüfung", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        var document = new BpmnParser().Parse(new MemoryStream(bytes));

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        Assert.Equal("Prüfung der Größe", Node(document, "_ec59e164-68b4-4f94-98de-ffb1c58a84af").Name);
    }
}
