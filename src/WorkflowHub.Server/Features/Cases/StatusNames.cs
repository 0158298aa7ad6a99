namespace WorkflowHub.Server.Features.Cases;

/// <summary>The Chinese names of statuses and channels, as the ledger shows them.</summary>
public static class StatusNames
{
    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.Pending => "待立案",
        CaseStatus.Registered => "已挂号",
        CaseStatus.InProgress => "处置中",
        CaseStatus.ReportedUp => "已上报",
        CaseStatus.Forwarded => "已转办",
        CaseStatus.AwaitingVerification => "待验收",
        CaseStatus.Closed => "已销号",
        CaseStatus.Merged => "已并单",
        _ => "回弹重办",
    };

    public static string Of(CaseChannel channel) => channel switch
    {
        CaseChannel.Patrol => "巡查自查",
        CaseChannel.Hotline12345 => "12345热线",
        CaseChannel.CityPlatform => "城市管理平台",
        CaseChannel.HandedDown => "上级交办",
        CaseChannel.Kiosk => "服务亭窗口",
        CaseChannel.ThirdParty => "第三方督查",
        CaseChannel.LeaderWalk => "领导巡查",
        _ => "Open311",
    };
}
