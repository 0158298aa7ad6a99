using WorkflowHub.Server.Features.Notices;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// Kills the sender at one point of one delivery, as a crashed process stops there: it cancels the sender's run and
/// throws out of the transport, so the sender writes nothing more (the row stays taken, unmarked).
/// </summary>
public sealed class CrashSwitch : INoticeDeliveryObserver
{
    private CancellationTokenSource? _run;
    private CrashPoint _at;

    /// <summary>The outbox row the last crash happened on.</summary>
    public string? CrashedRowId { get; private set; }

    /// <summary>Arms the switch for the next delivery; returns the token to run the sender with.</summary>
    public CancellationToken Arm(CrashPoint at)
    {
        _run = new CancellationTokenSource();
        _at = at;
        return _run.Token;
    }

    public void Transmitting(NoticeOutboxRecord row) => Fire(CrashPoint.BeforeAccepted, row);

    public void Accepted(NoticeOutboxRecord row) => Fire(CrashPoint.AfterAccepted, row);

    private void Fire(CrashPoint point, NoticeOutboxRecord row)
    {
        if (_run is not { } run || point != _at)
        {
            return;
        }
        _run = null;
        CrashedRowId = row.Id;
        run.Cancel();
        throw new OperationCanceledException("killed by the test", run.Token);
    }
}

public enum CrashPoint
{
    BeforeAccepted,
    AfterAccepted,
}
