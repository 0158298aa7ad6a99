using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>The rows a token waits on: timer and continuation jobs, message subscriptions.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>asyncBefore / asyncAfter: the token waits for a job that carries it on in a step of its own.</summary>
    public void CreateContinuation(Token token, FlowNode node, StepPhase phase)
    {
        var retry = RetryCycle.Parse(node.FailedJobRetryTimeCycle ?? Step.Services.Options.DefaultRetryCycle);
        var job = new JobRecord
        {
            Id = Ids.New(),
            Kind = JobKind.Continuation,
            InstanceId = Id,
            TokenId = token.Id,
            ElementId = node.Id,
            DueAt = Now,
            Payload = phase.ToString(),
            RetriesLeft = retry.Retries,
            CreatedAt = Now,
        };
        Step.Effects.AddJob(job);
        (token.JobIds ??= []).Add(job.Id);
        token.State = TokenState.Waiting;
    }

    /// <summary>Schedules the timer of <paramref name="timerEvent"/> (a catch, boundary or event-gateway branch) for the token.</summary>
    public void CreateTimer(Token token, FlowNode timerEvent)
    {
        var timer = timerEvent.Event.Timer ?? throw new InvalidOperationException($"{timerEvent} has no timer definition.");
        var text = Expressions.EvaluateString(timer.Value, VariablesOf(token))
            ?? throw new InvalidOperationException($"{timerEvent}: the timer expression gave no value.");
        var schedule = TimerSchedule.First(timer.Kind, text, Now);
        var retries = RetryCycle.Parse(timerEvent.FailedJobRetryTimeCycle ?? Step.Services.Options.DefaultRetryCycle).Retries;
        var job = new JobRecord
        {
            Id = Ids.New(),
            Kind = JobKind.Timer,
            InstanceId = Id,
            TokenId = token.Id,
            ElementId = timerEvent.Id,
            DueAt = schedule.DueAt,
            Payload = schedule.Payload,
            RetriesLeft = retries,
            CreatedAt = Now,
        };
        Step.Effects.AddJob(job);
        (token.JobIds ??= []).Add(job.Id);
    }

    /// <summary>After a non-interrupting cycle timer fired: the next firing from the previous due time, or the end of the cycle.</summary>
    private void RescheduleOrDropTimer(Token token, string jobId)
    {
        var job = Step.CurrentJob;
        if (job is not null && job.Id == jobId && TimerSchedule.Next(job.Payload, job.DueAt) is { } next)
        {
            job.DueAt = next.DueAt;
            job.Payload = next.Payload;
            Step.Effects.UpdatedJobs.Add(job);
            return;
        }
        token.JobIds?.Remove(jobId);
        Step.Effects.DeleteJob(jobId);
    }

    public void CreateSubscription(Token token, string messageName, string elementId, SubscriptionKind kind = SubscriptionKind.Message)
    {
        var subscription = new MessageSubscriptionRecord
        {
            Id = Ids.New(),
            Kind = kind,
            MessageName = messageName,
            InstanceId = Id,
            BusinessKey = Record.BusinessKey,
            TokenId = token.Id,
            ElementId = elementId,
            CreatedAt = Now,
        };
        Step.Effects.NewSubscriptions.Add(subscription);
        (token.SubscriptionIds ??= []).Add(subscription.Id);
    }

    /// <summary>
    /// Timer, message and signal boundary events start waiting when their activity starts (error and escalation
    /// boundaries need nothing); a conditional one whose condition already holds fires after the activity has started.
    /// </summary>
    internal void AttachBoundaryEvents(Token token, FlowNode node)
    {
        foreach (var boundary in node.BoundaryEvents)
        {
            WaitForEvent(token, boundary);
        }
    }

    /// <summary>
    /// The token waits, on behalf of a catching event (a boundary event, an event sub-process's start), for its timer,
    /// message or signal; a conditional one is evaluated once the agenda is empty, as if its variables had just changed.
    /// </summary>
    private void WaitForEvent(Token token, FlowNode catchEvent)
    {
        switch (catchEvent.Event.Kind)
        {
            case EventKind.Timer:
                CreateTimer(token, catchEvent);
                break;
            case EventKind.Message when catchEvent.Event.MessageName is { } name:
                CreateSubscription(token, name, catchEvent.Id);
                break;
            case EventKind.Signal when catchEvent.Event.SignalName is { } signal:
                CreateSubscription(token, signal, catchEvent.Id, SubscriptionKind.Signal);
                break;
            case EventKind.Conditional:
                foreach (var name in catchEvent.Event.ConditionVariables.DefaultIfEmpty("*"))
                {
                    NoteVariableChange(name);
                }
                break;
        }
    }
}
