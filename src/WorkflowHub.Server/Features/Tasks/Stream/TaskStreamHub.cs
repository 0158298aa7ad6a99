using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Tasks.Stream;

/// <summary>One open stream: whose it is, and the new tasks waiting to be written to it.</summary>
public sealed class TaskStreamSubscriber(TaskAccess.Viewer viewer)
{
    public TaskAccess.Viewer Viewer { get; } = viewer;

    /// <summary>Bounded: a client that stops reading loses the oldest notices, not the server's memory (it reloads anyway).</summary>
    public Channel<TaskInfo> Pending { get; } = Channel.CreateBounded<TaskInfo>(new BoundedChannelOptions(64)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });
}

/// <summary>
/// The open inbox streams of this node. The engine tells it after each commit which tasks a step created; each task
/// goes only to the streams of users who may see it (<see cref="TaskAccess.CanSee"/>: assignee, candidates by name,
/// group or role; supervisors and administrators all). Connections are bounded per user and per node.
/// </summary>
public sealed class TaskStreamHub(IOptions<TaskStreamOptions> options) : ITaskCreationObserver
{
    private readonly ConcurrentDictionary<TaskStreamSubscriber, byte> _subscribers = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Why a stream was refused, or null with the new subscriber.</summary>
    public (TaskStreamSubscriber? Subscriber, int RefusedStatus) TryOpen(TaskAccess.Viewer viewer)
    {
        var limits = options.Value;
        lock (_gate)
        {
            if (_subscribers.Count >= limits.MaxConnections)
            {
                return (null, StatusCodes.Status503ServiceUnavailable);
            }
            var open = _perUser.GetValueOrDefault(viewer.UserName);
            if (open >= limits.MaxConnectionsPerUser)
            {
                return (null, StatusCodes.Status429TooManyRequests);
            }
            _perUser[viewer.UserName] = open + 1;
            var subscriber = new TaskStreamSubscriber(viewer);
            _subscribers[subscriber] = 0;
            return (subscriber, 0);
        }
    }

    public void Close(TaskStreamSubscriber subscriber)
    {
        lock (_gate)
        {
            if (!_subscribers.TryRemove(subscriber, out _))
            {
                return;
            }
            var left = _perUser.GetValueOrDefault(subscriber.Viewer.UserName) - 1;
            if (left <= 0)
            {
                _perUser.Remove(subscriber.Viewer.UserName);
            }
            else
            {
                _perUser[subscriber.Viewer.UserName] = left;
            }
        }
        subscriber.Pending.Writer.TryComplete();
    }

    public int OpenCount => _subscribers.Count;

    public void TasksCreated(IReadOnlyList<TaskInfo> tasks)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            foreach (var task in tasks)
            {
                if (TaskAccess.CanSee(subscriber.Viewer, task))
                {
                    subscriber.Pending.Writer.TryWrite(task);
                }
            }
        }
    }
}
