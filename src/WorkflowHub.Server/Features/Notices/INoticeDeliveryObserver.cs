namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Watches deliveries at the two points where a crash matters: while the message is being handed over (before the
/// receiver has accepted it) and right after it accepted it (before the row is marked sent). The sender registers
/// none; crash tests register one that stops the sender there, as a killed process would stop.
/// </summary>
public interface INoticeDeliveryObserver
{
    /// <summary>Called while the message is being transmitted (SMTP DATA under way, pickup file not yet in place).</summary>
    void Transmitting(NoticeOutboxRecord row);

    /// <summary>Called once the receiver accepted the message and before the outbox row is marked sent.</summary>
    void Accepted(NoticeOutboxRecord row);
}
