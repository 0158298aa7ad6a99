"""Generates workflows/problem-handling.bpmn, daily-report.bpmn and weekly-dispatch.bpmn (python3 scripts/flows.py)."""
import os
import sys
sys.path.insert(0, os.path.dirname(__file__))
from bpmnlayout import Diagram, service, notice, script, user, gateway, event, timer  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "workflows")

PREPARE = """// 流程参数缺省值：管理员可在设计器里改这里，或在启动/分类时按类别传入同名变量。
// Defaults of the flow's parameters; a variable given at start (or per category) wins.
function has(n) { var v = execution.getVariable(n); return v !== null && v !== undefined && v !== ''; }
function def(n, v) { if (!has(n)) { execution.setVariable(n, v); } }
def('reminderBeforeHours', 2);        // 催办提醒：到期前几小时
def('supervisionAfterWorkdays', 1);   // 督办单：到期后第几个工作日
def('headReportAfterWorkdays', 2);    // 报单位主要负责人：到期后第几个工作日
def('partyGroupAfterWorkdays', 3);    // 提请局党组：到期后第几个工作日
def('lookbackAfter', 'P30D');         // 回头看：销号后多久
def('escalationLevel', 0);
def('extensionUsed', false);
def('urgency', 'Normal');
def('channel', 'Patrol');
execution.setVariable('dataComplete', has('caseNumber')
  || (has('categoryCode') && has('areaCode') && has('address') && has('description')));"""

MAP_12345 = """// 12345 工单的字段映射（渠道、报告人、地址、类别提示、描述、工单号）。 Maps a 12345 work order.
var p = execution.getVariable('payload') || {};
function put(n, v) { if (v !== undefined && v !== null && String(v).trim() !== '') { execution.setVariable(n, String(v).trim()); } }
execution.setVariable('channel', 'Hotline12345');
put('externalRef', p.workOrderNo || p.orderNo || p.id);
put('reporterName', p.callerName || p.reporter);
put('reporterContact', p.callerPhone || p.contact);
put('address', p.address);
put('description', p.content || p.description);
put('categoryHint', p.category || p.categoryName);
put('categoryCode', p.categoryCode);
put('areaCode', p.gridCode || p.areaCode);
if (typeof p.latitude === 'number') { execution.setVariable('latitude', p.latitude); }
if (typeof p.longitude === 'number') { execution.setVariable('longitude', p.longitude); }"""

MAP_PLATFORM = """// 城市管理平台案件的字段映射。 Maps a city-management platform case.
var p = execution.getVariable('payload') || {};
var c = p.case || p;
function put(n, v) { if (v !== undefined && v !== null && String(v).trim() !== '') { execution.setVariable(n, String(v).trim()); } }
execution.setVariable('channel', 'CityPlatform');
put('externalRef', c.caseId || c.id);
put('reporterName', c.reporter);
put('reporterContact', c.reporterPhone);
put('address', c.location || c.address);
put('description', c.description || c.title);
put('categoryHint', c.typeName);
put('categoryCode', c.typeCode);
put('areaCode', c.gridCode);
if (c.point && typeof c.point.lat === 'number') { execution.setVariable('latitude', c.point.lat); execution.setVariable('longitude', c.point.lng); }"""

LEADER = """// 领导决定：continue 协调资源后原组继续 / reassign 改派 / extend 延期（一次，须说明理由）。
function has(n) { var v = execution.getVariable(n); return v !== null && v !== undefined && v !== ''; }
var decision = has('leaderDecision') ? execution.getVariable('leaderDecision') : 'continue';
if (decision === 'extend' && execution.getVariable('extensionUsed') === true) { decision = 'continue'; }
if (decision === 'extend' && !has('leaderReason')) { decision = 'continue'; }
execution.setVariable('leaderDecision', decision);
if (!has('extendWorkdays')) { execution.setVariable('extendWorkdays', 3); }
if (!has('reassignTo')) { execution.setVariable('reassignTo', execution.getVariable('areaGroup')); }
if (!has('leaderReason')) { execution.setVariable('leaderReason', ''); }
if (decision === 'extend') { execution.setVariable('extensionUsed', true); }
if (decision === 'reassign') { execution.setVariable('areaGroup', execution.getVariable('reassignTo')); }"""

ROUND = """// 新一轮整改（回弹重办）：督办文号另行编号。 A new round numbers its supervision order afresh.
execution.setVariable('supervisionOrderNumber', null);"""


def problem_handling():
    d = Diagram("problem-case", "问题处置（挂号—双重分配—督办—验收—回头看）")
    d.extra_defs += ['<bpmn:message id="msg_12345" name="intake-12345"/>',
                     '<bpmn:message id="msg_platform" name="intake-city-platform"/>']
    M = 420            # main row
    A, B = 150, 270    # report-up row, forward row
    L = [570, 690, 810, 930]  # ladder rows

    event(d, "start_12345", "12345 工单", "startEvent", 0, A, '<bpmn:messageEventDefinition messageRef="msg_12345"/>')
    event(d, "start_platform", "城管平台案件", "startEvent", 0, B, '<bpmn:messageEventDefinition messageRef="msg_platform"/>')
    event(d, "start", "登记问题", "startEvent", 0, M)
    script(d, "map_12345", "12345 字段映射", MAP_12345, 1, A)
    script(d, "map_platform", "平台字段映射", MAP_PLATFORM, 1, B)
    gateway(d, "gw_intake", None, 2, M)
    script(d, "prepare", "准备参数（督办梯度缺省值）", PREPARE, 3, M)
    gateway(d, "gw_complete", "资料完整？", 4, M)
    user(d, "classify", "分类定位（问题收集组）", 5, L[0], groups="func-collection,Dispatcher", form="case-classify",
         doc="补全问题类别（categoryCode）、区域（areaCode）、地址与描述后挂号。")
    service(d, "register", "挂号", "case.register", 6, M)
    service(d, "route", "双重分配", "case.route", 7, M)
    gateway(d, "gw_round", None, 8, M)
    service(d, "assign", "交办处置（按类别时限定期限）", "case.assign", 9, M,
            {"dueAt": "${deadlineFor(categoryCode, urgency)}"})
    service(d, "describe", "整理通知要素", "case.describe", 10, M)
    notice(d, "notify_assign", "交办通知（主办、协办）", "assignment", "${areaGroup}", 11, M, cc="${sectorGroup}")
    gateway(d, "fork", None, 12, M, tag="parallelGateway")
    user(d, "assist", "协办（行业组）", 12, L[0] + 20, groups="${sectorGroup}", due="${dueAt}", form="case-assist")
    event(d, "end_assist", "协办完成", "endEvent", 12, L[1] + 60)
    gateway(d, "gw_rework", None, 13, M)
    user(d, "rectify", "整改（片区组·主办）", 14, M, groups="${areaGroup}", due="${dueAt}", form="case-handle", size="wide",
         doc="处置结果 handleResult：fixed 已整改（须上传整改后照片）、reportUp 超出能力逐级上报、outside 超出职责转办。")
    # the supervision ladder: separate non-interrupting timers on the rectification task
    event(d, "t_party", "到期后第3个工作日", "boundaryEvent", 0, 0, timer("timeDate", "${workdays(partyGroupAfterWorkdays, dueAt)}"), attached=("rectify", 18))
    event(d, "t_head", "到期后第2个工作日", "boundaryEvent", 0, 0, timer("timeDate", "${workdays(headReportAfterWorkdays, dueAt)}"), attached=("rectify", 66))
    event(d, "t_order", "到期后第1个工作日", "boundaryEvent", 0, 0, timer("timeDate", "${workdays(supervisionAfterWorkdays, dueAt)}"), attached=("rectify", 114))
    event(d, "t_remind", "到期前提醒", "boundaryEvent", 0, 0, timer("timeDate", "${addHours(parseDate(dueAt), -reminderBeforeHours)}"), attached=("rectify", 162))
    ladder = [
        ("remind", "t_remind", 1, [("esc1", "台账：督办1级 提醒", "escalate", 1), ("n_remind", "催办提醒", "reminder", "${areaGroup}")]),
        ("order", "t_order", 2, [("n_order", "下发督办单（编号）", "supervision-order", "${areaGroup}"), ("esc2", "台账：督办2级 督办单", "escalate", 2)]),
        ("head", "t_head", 3, [("esc3", "台账：督办3级 报单位主要负责人", "escalate", 3), ("n_head", "上报通知（单位主要负责人）", "report-to-head", "${escalationTarget}")]),
        ("party", "t_party", 4, [("esc4", "台账：督办4级 提请局党组", "escalate", 4), ("n_party", "提请局党组研究", "party-group-submission", "${escalationTarget}")]),
    ]
    for row, (key, tmr, level, steps) in enumerate(ladder):
        y = L[row]
        gw = gateway(d, f"gw_l{level}", f"未到{level}级？", 16, y)
        d.flow(f"f_{tmr}", tmr, gw)
        prev, col = gw, 17
        for sid, name, kind, arg in steps:
            if kind == "escalate":
                note = "督办单 ${supervisionOrderNumber}" if level == 2 else f"督办梯度第{level}级（定时器 {tmr}）"
                service(d, sid, name, "case.escalate", col, y, {"level": str(arg), "note": note})
            else:
                extra = {"number": "督办", "numberVariable": "supervisionOrderNumber"} if kind == "supervision-order" else None
                cc = "${sectorGroup}" if kind == "supervision-order" else None
                values = "${Object.assign({}, caseFacts, {basis: '《跟踪督查制度》到期后第' + supervisionAfterWorkdays + '个工作日仍未整改', unit: caseFacts.areaGroup})}" if kind == "supervision-order" else "${caseFacts}"
                notice(d, sid, name, kind, arg, col, y, cc=cc, values=values, extra=extra)
            d.flow(f"f_{prev}_{sid}", prev, sid, name="是" if prev == gw else None,
                   cond=f"${{escalationLevel < {level}}}" if prev == gw else None)
            prev, col = sid, col + 1
        if level == 4:
            user(d, "party_task", "局党组研究处置（领导）", col, y, groups="${escalationTarget},Leader", form="case-leader")
            d.flow("f_n_party_task", prev, "party_task")
            prev, col = "party_task", col + 1
        end = event(d, f"end_l{level}", None, "endEvent", 21, y)
        d.flow(f"f_{prev}_end", prev, end)
        d.flow(f"f_gw_l{level}_skip", gw, end, name="已到", route=("band", y + 45), default=True)

    gateway(d, "gw_outcome", "处置结果？", 15, M)
    # report up (逐级上报) → leader decides
    service(d, "report_up", "逐级上报责任领导", "case.forward", 16, A, {"mode": "report-up", "note": "${typeof handleComment === 'string' ? handleComment : ''}"})
    user(d, "leader_task", "领导协调：派资源/改派/延期一次", 17, A, assignee="${forwardedTo}", form="case-leader")
    script(d, "leader_decide", "核对领导决定", LEADER, 18, A)
    gateway(d, "gw_leader", "决定？", 19, A)
    service(d, "extend", "延期（记理由）", "case.extend", 20, A - 110 + 110, {"dueAt": "${workdays(extendWorkdays, dueAt)}", "note": "${leaderReason}"})
    # forward outside the remit (超出职责转办)
    service(d, "forward_unit", "转街道双报到单位", "case.forward", 16, B, {"mode": "dual-report", "note": "${typeof handleComment === 'string' ? handleComment : ''}"})
    notice(d, "notify_forward", "超出职责转办通知", "forward-dual-report", "${areaGroup}", 17, B, cc="office-creation")
    user(d, "confirm_forward", "确认双报到单位已接收", 18, B, groups="func-collection,Dispatcher")
    event(d, "end_forwarded", "本局部分办结", "endEvent", 19, B)
    # verification
    service(d, "submit", "提交验收", "case.verify", 16, M, {"result": "submitted", "note": "${typeof handleComment === 'string' ? handleComment : ''}"})
    user(d, "verify", "联合验收（巡查督导组+行业组）", 17, M, groups="func-supervision,Supervisor,${sectorGroup}", form="case-verify")
    service(d, "verified", "记录验收结论", "case.verify", 18, M,
            {"result": "${verifyPassed === true || verifyPassed === 'true' ? 'passed' : 'failed'}",
             "note": "${typeof verifyComment === 'string' ? verifyComment : ''}"})
    gateway(d, "gw_verified", "通过？", 19, M)
    service(d, "close", "销号", "case.close", 20, M)
    service(d, "schedule", "安排回头看", "case.schedule-lookback", 21, M, {"after": "${lookbackAfter}"})
    event(d, "wait_lookback", "回头看时间到", "intermediateCatchEvent", 22, M, timer("timeDate", "${lookbackAt}"))
    user(d, "lookback", "回头看复查（巡查督导组）", 23, M, groups="func-supervision,Supervisor", form="case-lookback")
    service(d, "lookback_result", "记录复查结果", "case.lookback", 24, M,
            {"stable": "${stable === true || stable === 'true'}", "note": "${typeof lookbackComment === 'string' ? lookbackComment : ''}"})
    gateway(d, "gw_stable", "稳定？", 25, M)
    event(d, "end_done", "办结", "endEvent", 26, M)
    service(d, "reopen", "回弹重办", "case.reopen", 25, L[0], {"note": "${typeof lookbackComment === 'string' ? lookbackComment : ''}"})
    notice(d, "notify_rebound", "回弹提醒", "rebound-reminder", "${areaGroup}", 26, L[0], cc="${sectorGroup}")
    gateway(d, "gw_second", "第二次回弹？", 27, L[0])
    notice(d, "notify_bulletin", "全局通报", "bureau-bulletin", "${allGroups}", 27, L[1], values="${caseFacts}")
    service(d, "negative", "列入负面清单", "case.negative-list", 28, L[1])
    gateway(d, "gw_rebound_merge", None, 28, L[0])
    script(d, "new_round", "新一轮整改", ROUND, 29, L[0])

    # duplicate reports (并单): four columns after registration, everything to the right moves over
    shift = 4 * d.cw
    for node in d.nodes.values():
        if node["x"] > d.nodes["register"]["x"] + 1:
            node["x"] += shift
    service(d, "find_dups", "疑似重复检测", "case.find-duplicates", 7, M)
    gateway(d, "gw_dup", "疑似重复？", 8, M)
    user(d, "dedupe", "疑似重复，是否并单（问题收集组）", 8, B, groups="func-collection,Dispatcher", form="case-duplicate",
         doc="同类别、同网格、未办结且相距不超过设定距离或地址相同的案件（duplicateCandidates）。并单 duplicateDecision=merge 并选 mergeInto；否则单独办理。")
    service(d, "resolve_dup", "并单或单独办理", "case.resolve-duplicate", 9, B,
            {"mergeInto": "${typeof duplicateDecision === 'string' && duplicateDecision === 'merge' && typeof mergeInto === 'string' ? mergeInto : ''}",
             "note": "${typeof duplicateComment === 'string' ? duplicateComment : ''}"})
    gateway(d, "gw_merged", "并单？", 10, B)
    event(d, "end_merged", "已并单", "endEvent", 10, A)
    gateway(d, "gw_dup_join", None, 10, M)

    f = d.flow
    f("f_s12345", "start_12345", "map_12345")
    f("f_splat", "start_platform", "map_platform")
    f("f_m12345", "map_12345", "gw_intake")
    f("f_mplat", "map_platform", "gw_intake")
    f("f_start", "start", "gw_intake")
    f("f_intake", "gw_intake", "prepare")
    f("f_prepare", "prepare", "gw_complete")
    f("f_complete", "gw_complete", "register", name="完整", cond="${dataComplete}")
    f("f_incomplete", "gw_complete", "classify", name="缺类别或位置", default=True)
    f("f_classified", "classify", "register")
    f("f_register", "register", "find_dups")
    f("f_find_dups", "find_dups", "gw_dup")
    f("f_dup_yes", "gw_dup", "dedupe", name="疑似重复", cond="${suspectedDuplicate === true}")
    f("f_dup_no", "gw_dup", "gw_dup_join", name="否", default=True)
    f("f_dedupe", "dedupe", "resolve_dup")
    f("f_resolved", "resolve_dup", "gw_merged")
    f("f_merged", "gw_merged", "end_merged", name="并单", cond="${typeof mergedInto === 'string' && mergedInto.length > 0}")
    f("f_separate", "gw_merged", "gw_dup_join", name="单独办理", default=True)
    f("f_joined", "gw_dup_join", "route")
    f("f_route", "route", "gw_round")
    f("f_round", "gw_round", "assign")
    f("f_assign", "assign", "describe")
    f("f_describe", "describe", "notify_assign")
    f("f_notified", "notify_assign", "fork")
    f("f_fork_assist", "fork", "assist")
    f("f_assist_end", "assist", "end_assist")
    f("f_fork_rectify", "fork", "gw_rework")
    f("f_rework", "gw_rework", "rectify")
    f("f_rectify", "rectify", "gw_outcome")
    f("f_fixed", "gw_outcome", "submit", name="已整改", default=True)
    f("f_up", "gw_outcome", "report_up", name="逐级上报", cond="${handleResult === 'reportUp'}")
    f("f_outside", "gw_outcome", "forward_unit", name="超出职责", cond="${handleResult === 'outside'}")
    f("f_reported", "report_up", "leader_task")
    f("f_leader", "leader_task", "leader_decide")
    f("f_decided", "leader_decide", "gw_leader")
    f("f_extend", "gw_leader", "extend", name="延期", cond="${leaderDecision === 'extend'}")
    f("f_reassign", "gw_leader", "route", name="改派", cond="${leaderDecision === 'reassign'}", route=("band", 40))
    f("f_continue", "gw_leader", "gw_rework", name="原组继续", route=("band", 70), default=True)
    f("f_extended", "extend", "gw_rework", route=("band", 55))
    f("f_forwarded", "forward_unit", "notify_forward")
    f("f_forward_notified", "notify_forward", "confirm_forward")
    f("f_confirmed", "confirm_forward", "end_forwarded")
    f("f_submit", "submit", "verify")
    f("f_verify", "verify", "verified")
    f("f_verified", "verified", "gw_verified")
    f("f_pass", "gw_verified", "close", name="通过", cond="${verificationPassed === true}")
    f("f_fail", "gw_verified", "gw_rework", name="不通过·返工", route=("band", 25), default=True)
    f("f_close", "close", "schedule")
    f("f_schedule", "schedule", "wait_lookback")
    f("f_wait", "wait_lookback", "lookback")
    f("f_lookback", "lookback", "lookback_result")
    f("f_lookback_result", "lookback_result", "gw_stable")
    f("f_stable", "gw_stable", "end_done", name="稳定", cond="${lookbackStable === true}")
    f("f_rebound", "gw_stable", "reopen", name="回弹", default=True)
    f("f_reopen", "reopen", "notify_rebound")
    f("f_rebound_notified", "notify_rebound", "gw_second")
    f("f_second", "gw_second", "notify_bulletin", name="第二次", cond="${reboundCount >= 2}")
    f("f_first", "gw_second", "gw_rebound_merge", name="第一次", default=True)
    f("f_bulletin", "notify_bulletin", "negative")
    f("f_negative", "negative", "gw_rebound_merge")
    f("f_merge", "gw_rebound_merge", "new_round")
    f("f_new_round", "new_round", "gw_round", route=("band", 10))
    doc = ("问题处置主流程：完整的问题立即挂号，缺类别或位置的先由问题收集组分类；疑似重复的由问题收集组决定并单或单独办理；双重分配后片区组主办、行业组协办，"
           "按类别时限在工作日历上定期限；整改任务上的四个非中断定时器构成督办梯度（参数见“准备参数”）；"
           "验收通过销号并安排回头看，回弹重办，第二次回弹全局通报并列入负面清单。")
    return d.xml(doc)


def daily_report():
    d = Diagram("daily-report", "日报备（每个工作日）")
    M = 200
    event(d, "start", "每天 08:00", "startEvent", 0, M, timer("timeCycle", "0 0 0 * * ?"))
    gateway(d, "gw_workday", "工作日？", 1, M)
    event(d, "end_holiday", "非工作日", "endEvent", 1, M + 150)
    service(d, "groups", "列出报备组与时点", "rhythm.groups", 2, M, {"dueTime": "${typeof reportDueTime === 'string' ? reportDueTime : '17:00'}", "summaryTime": "${typeof summaryTime === 'string' ? summaryTime : '17:30'}"})
    gateway(d, "fork", None, 3, M, tag="parallelGateway")
    sub_inner = []
    d.flow("f_start", "start", "gw_workday")
    d.flow("f_workday", "gw_workday", "groups", name="是", cond="${isWorkday(now())}")
    d.flow("f_holiday", "gw_workday", "end_holiday", name="否", default=True)
    d.flow("f_groups", "groups", "fork")
    # one report task per group: a parallel multi-instance user task with its own 17:00 reminder
    d.node("report", "task", "userTask", 4, M - 120,
           '<bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="reports">'
           "${reports.concat([{group: group.id, work: String(execution.getVariable('work') || '')}])}"
           '</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>'
           '<bpmn:multiInstanceLoopCharacteristics camunda:collection="${reportGroups}" camunda:elementVariable="group"/>',
           ' camunda:candidateGroups="${group.id}" camunda:dueDate="${reportDueAt}" camunda:formKey="daily-report"', name="填报日报（各组）")
    event(d, "t_missing", "17:00 未报", "boundaryEvent", 0, 0, timer("timeDate", "${reportDueAt}"), attached=("report", 60))
    service(d, "missing", "查未报的组", "rhythm.missing", 5, M)
    notice(d, "n_missing", "提醒组长补报", "reminder", "${reportMissingTo}", 6, M, values="${{problemNumber: '日报备', problemTitle: '今日日报未按时报送：' + reportMissingNames, deadline: reportDueAt}}")
    event(d, "end_missing", None, "endEvent", 7, M)
    event(d, "end_reported", "已报", "endEvent", 6, M - 120)
    event(d, "t_summary", "17:30", "intermediateCatchEvent", 4, M + 150, timer("timeDate", "${summaryAt}"))
    service(d, "summary", "汇总日报", "rhythm.daily-summary", 5, M + 150)
    notice(d, "n_summary", "日报汇总（创城办）", "daily-summary", "office-creation", 6, M + 150, values="${dailySummary}")
    event(d, "end_summary", None, "endEvent", 7, M + 150)
    d.flow("f_fork_report", "fork", "report")
    d.flow("f_reported", "report", "end_reported")
    d.flow("f_missing", "t_missing", "missing")
    d.flow("f_missing_found", "missing", "n_missing")
    d.flow("f_missing_end", "n_missing", "end_missing")
    d.flow("f_fork_summary", "fork", "t_summary")
    d.flow("f_summary_wait", "t_summary", "summary")
    d.flow("f_summary", "summary", "n_summary")
    d.flow("f_summary_end", "n_summary", "end_summary")
    return d.xml("日报备：每个工作日为片区组、行业组和职能组各建一项日报任务，17:00 未报的提醒组长，17:30 把汇总发创城办。定时器按北京时间（UTC+8）写成 UTC 的 cron。")


def weekly_dispatch():
    d = Diagram("weekly-dispatch", "周调度（每周第一个工作日 09:00）")
    M = 200
    event(d, "start", "每天 09:00", "startEvent", 0, M, timer("timeCycle", "0 0 1 * * ?"))
    gateway(d, "gw_first", "本周第一个工作日？", 1, M)
    event(d, "end_not", None, "endEvent", 1, M + 150)
    service(d, "figures", "上周数据与排名", "reports.weekly", 2, M)
    d.node("dispatch", "task", "sendTask",
           3, M, '<bpmn:extensionElements><camunda:inputOutput>'
           '<camunda:inputParameter name="template">weekly-dispatch</camunda:inputParameter>'
           '<camunda:inputParameter name="to">${item.groupId}</camunda:inputParameter>'
           '<camunda:inputParameter name="values">${Object.assign({}, weeklyDispatch, {items: [item]})}</camunda:inputParameter>'
           '</camunda:inputOutput></bpmn:extensionElements>'
           '<bpmn:multiInstanceLoopCharacteristics camunda:collection="${weeklyDispatch.items}" camunda:elementVariable="item"/>',
           ' camunda:type="external" camunda:topic="notice"', name="周调度汇总（各组）")
    notice(d, "bulletin", "周督查通报（排名、负面清单）", "weekly-inspection-bulletin", "${allGroups}", 4, M, values="${weeklyBulletin}",
           extra={"number": "督查通报", "numberVariable": "bulletinNumber"})
    event(d, "end", None, "endEvent", 5, M)
    d.flow("f_start", "start", "gw_first")
    d.flow("f_first", "gw_first", "figures", name="是", cond="${isFirstWorkdayOfWeek(now())}")
    d.flow("f_not", "gw_first", "end_not", name="否", default=True)
    d.flow("f_figures", "figures", "dispatch")
    d.flow("f_dispatch", "dispatch", "bulletin")
    d.flow("f_bulletin", "bulletin", "end")
    return d.xml("周调度：每周第一个工作日 09:00（北京时间），向各组发上周数据、在办与超期问题、上报问题的周调度汇总，并全局发周督查通报（排名与负面清单）。")


for name, text in (("problem-handling.bpmn", problem_handling()), ("daily-report.bpmn", daily_report()), ("weekly-dispatch.bpmn", weekly_dispatch())):
    with open(os.path.join(ROOT, name), "w", encoding="utf-8") as fh:
        fh.write(text)
    print("wrote", name)
