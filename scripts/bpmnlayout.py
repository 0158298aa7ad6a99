"""Writes a BPMN 2.0 file with its diagram (BPMNDI) from a small description: elements on a grid, flows routed
orthogonally. Used to keep the shipped flows in workflows/ laid out cleanly; the .bpmn files are what is shipped and
may be edited in the designer afterwards (this script is only a convenience for large re-layouts)."""
from xml.sax.saxutils import escape, quoteattr

SIZES = {"task": (120, 80), "event": (36, 36), "gateway": (50, 50), "wide": (180, 80)}


class Diagram:
    def __init__(self, process_id, name, col_width=150, x0=80):
        self.pid, self.name, self.cw, self.x0 = process_id, name, col_width, x0
        self.nodes, self.flows, self.extra_defs = {}, [], []

    def node(self, nid, kind, tag, col, y, xml_inner="", attrs="", size=None, name=None, attached=None):
        w, h = SIZES[size or kind]
        if attached is None:
            cx = self.x0 + col * self.cw
            x, yy = cx - w / 2, y - h / 2
        else:
            host, offset = attached
            hn = self.nodes[host]
            x, yy = hn["x"] + offset - w / 2, hn["y"] + hn["h"] - h / 2
        self.nodes[nid] = dict(id=nid, kind=kind, tag=tag, x=x, y=yy, w=w, h=h, inner=xml_inner, attrs=attrs, name=name, attached=attached)
        return nid

    def flow(self, fid, src, tgt, name=None, cond=None, route="auto", default=False):
        self.flows.append(dict(id=fid, src=src, tgt=tgt, name=name, cond=cond, route=route))
        if default:
            self.nodes[src]["attrs"] += f' default="{fid}"'

    # ---- routing -------------------------------------------------------------------------------------------------
    def _points(self, f):
        s, t = self.nodes[f["src"]], self.nodes[f["tgt"]]
        scx, scy = s["x"] + s["w"] / 2, s["y"] + s["h"] / 2
        tcx, tcy = t["x"] + t["w"] / 2, t["y"] + t["h"] / 2
        route = f["route"]
        if isinstance(route, tuple) and route[0] == "band":
            y = route[1]
            sy = s["y"] if y < scy else s["y"] + s["h"]
            ty = t["y"] if y < tcy else t["y"] + t["h"]
            return [(scx, sy), (scx, y), (tcx, y), (tcx, ty)]
        if s["attached"] is not None:
            return [(scx, s["y"] + s["h"]), (scx, tcy), (t["x"], tcy)]
        if abs(scy - tcy) < 1:
            return [(s["x"] + s["w"], scy), (t["x"], tcy)] if tcx > scx else [(s["x"], scy), (t["x"] + t["w"], tcy)]
        if abs(scx - tcx) < 1:
            return [(scx, s["y"] + s["h"]), (tcx, t["y"])] if tcy > scy else [(scx, s["y"]), (tcx, t["y"] + t["h"])]
        if s["kind"] == "gateway" or route == "vertical-first":
            sy = s["y"] + s["h"] if tcy > scy else s["y"]
            if tcx > scx:
                return [(scx, sy), (scx, tcy), (t["x"], tcy)]
            return [(scx, sy), (scx, tcy), (t["x"] + t["w"], tcy)]
        # horizontal first, then into the target from above or below
        sx = s["x"] + s["w"] if tcx > scx else s["x"]
        ty = t["y"] + t["h"] if tcy < scy else t["y"]
        return [(sx, scy), (tcx, scy), (tcx, ty)]

    # ---- output --------------------------------------------------------------------------------------------------
    def xml(self, documentation=""):
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
               'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
               'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               f'id="defs_{self.pid}" targetNamespace="https://workflowhub.example/flows" exporter="WorkflowHub" exporterVersion="1">']
        out += ["  " + d for d in self.extra_defs]
        out.append(f'  <bpmn:process id="{self.pid}" name={quoteattr(self.name)} isExecutable="true">')
        if documentation:
            out.append(f"    <bpmn:documentation>{escape(documentation)}</bpmn:documentation>")
        incoming = {n: [] for n in self.nodes}
        outgoing = {n: [] for n in self.nodes}
        for f in self.flows:
            outgoing[f["src"]].append(f["id"])
            incoming[f["tgt"]].append(f["id"])
        for n in self.nodes.values():
            name = f" name={quoteattr(n['name'])}" if n["name"] else ""
            att = f' attachedToRef="{n["attached"][0]}" cancelActivity="false"' if n["attached"] else ""
            body = n["inner"]
            links = "".join(f"<bpmn:incoming>{i}</bpmn:incoming>" for i in incoming[n["id"]]) + \
                "".join(f"<bpmn:outgoing>{o}</bpmn:outgoing>" for o in outgoing[n["id"]])
            out.append(f'    <bpmn:{n["tag"]} id="{n["id"]}"{name}{att}{n["attrs"]}>{links}{body}</bpmn:{n["tag"]}>')
        for f in self.flows:
            name = f" name={quoteattr(f['name'])}" if f["name"] else ""
            if f["cond"]:
                out.append(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["tgt"]}">'
                           f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{escape(f["cond"])}</bpmn:conditionExpression></bpmn:sequenceFlow>')
            else:
                out.append(f'    <bpmn:sequenceFlow id="{f["id"]}"{name} sourceRef="{f["src"]}" targetRef="{f["tgt"]}"/>')
        out.append("  </bpmn:process>")
        out.append(f'  <bpmndi:BPMNDiagram id="diagram_{self.pid}"><bpmndi:BPMNPlane id="plane_{self.pid}" bpmnElement="{self.pid}">')
        for n in self.nodes.values():
            marker = ' isMarkerVisible="true"' if n["tag"] == "exclusiveGateway" else ""
            label = ""
            if n["kind"] in ("event", "gateway") and n["name"]:
                label = (f'<bpmndi:BPMNLabel><dc:Bounds x="{n["x"] - 30:.0f}" y="{n["y"] + n["h"] + 4:.0f}" '
                         f'width="{n["w"] + 60:.0f}" height="27"/></bpmndi:BPMNLabel>')
            out.append(f'    <bpmndi:BPMNShape id="{n["id"]}_di" bpmnElement="{n["id"]}"{marker}>'
                       f'<dc:Bounds x="{n["x"]:.0f}" y="{n["y"]:.0f}" width="{n["w"]}" height="{n["h"]}"/>{label}</bpmndi:BPMNShape>')
        for f in self.flows:
            pts = self._points(f)
            wps = "".join(f'<di:waypoint x="{x:.0f}" y="{y:.0f}"/>' for x, y in pts)
            label = ""
            if f["name"]:
                (x1, y1), (x2, y2) = pts[0], pts[1]
                label = f'<bpmndi:BPMNLabel><dc:Bounds x="{min(x1, x2) + 6:.0f}" y="{min(y1, y2) - 22:.0f}" width="80" height="14"/></bpmndi:BPMNLabel>'
            out.append(f'    <bpmndi:BPMNEdge id="{f["id"]}_di" bpmnElement="{f["id"]}">{wps}{label}</bpmndi:BPMNEdge>')
        out.append("  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
        out.append("</bpmn:definitions>")
        return "\n".join(out) + "\n"


# ---- element helpers ------------------------------------------------------------------------------------------------
def io(inputs=None, outputs=None):
    parts = []
    for k, v in (inputs or {}).items():
        if isinstance(v, dict):
            entries = "".join(f'<camunda:entry key="{ek}">{escape(ev)}</camunda:entry>' for ek, ev in v.items())
            parts.append(f'<camunda:inputParameter name="{k}"><camunda:map>{entries}</camunda:map></camunda:inputParameter>')
        else:
            parts.append(f'<camunda:inputParameter name="{k}">{escape(v)}</camunda:inputParameter>')
    for k, v in (outputs or {}).items():
        parts.append(f'<camunda:outputParameter name="{k}">{escape(v)}</camunda:outputParameter>')
    return f"<bpmn:extensionElements><camunda:inputOutput>{''.join(parts)}</camunda:inputOutput></bpmn:extensionElements>" if parts else ""


def service(d, nid, name, topic, col, y, inputs=None, size=None, tag="serviceTask"):
    return d.node(nid, "task", tag, col, y, io(inputs), f' camunda:type="external" camunda:topic="{topic}"', size=size, name=name)


def notice(d, nid, name, template, to, col, y, cc=None, values="${caseFacts}", extra=None, size=None):
    inputs = {"template": template, "to": to}
    if cc:
        inputs["cc"] = cc
    if values:
        inputs["values"] = values
    inputs.update(extra or {})
    return service(d, nid, name, "notice", col, y, inputs, size=size, tag="sendTask")


def script(d, nid, name, code, col, y):
    return d.node(nid, "task", "scriptTask", col, y, f"<bpmn:script>{escape(code)}</bpmn:script>", ' scriptFormat="javascript"', name=name)


def user(d, nid, name, col, y, groups=None, assignee=None, due=None, form=None, size=None, doc=None):
    attrs = ""
    if groups:
        attrs += f" camunda:candidateGroups={quoteattr(groups)}"
    if assignee:
        attrs += f" camunda:assignee={quoteattr(assignee)}"
    if due:
        attrs += f" camunda:dueDate={quoteattr(due)}"
    if form:
        attrs += f' camunda:formKey="{form}"'
    inner = f"<bpmn:documentation>{escape(doc)}</bpmn:documentation>" if doc else ""
    return d.node(nid, "task", "userTask", col, y, inner, attrs, size=size, name=name)


def gateway(d, nid, name, col, y, tag="exclusiveGateway"):
    return d.node(nid, "gateway", tag, col, y, name=name)


def event(d, nid, name, tag, col, y, definition="", attached=None):
    return d.node(nid, "event", tag, col, y, definition, name=name, attached=attached)


def timer(kind, value):
    return f'<bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">{escape(value)}</bpmn:{kind}></bpmn:timerEventDefinition>'
