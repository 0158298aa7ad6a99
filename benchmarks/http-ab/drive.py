# start → find the task → complete with 8 keep-alive clients (the harness's HTTP path scenario) against one
# server on 127.0.0.1:<port>, signed in as the harness's administrator; prints the instances per second.
# usage: python3 drive.py <port> <seconds>
import http.client, json, sys, threading, time
port = int(sys.argv[1]); seconds = float(sys.argv[2]); clients = 8
def conn(): return http.client.HTTPConnection('127.0.0.1', port, timeout=60)
def call(c, method, path, body=None, token=None, ctype='application/json'):
    h = {'Content-Type': ctype}
    if token: h['Authorization'] = 'Bearer ' + token
    c.request(method, path, body=body, headers=h); r = c.getresponse(); data = r.read()
    if r.status >= 300: raise Exception(f"{method} {path}: {r.status} {data[:300]}")
    return json.loads(data) if data else None
c = conn()
token = call(c, 'POST', '/api/identity/login?useCookies=false', json.dumps({'email': 'admin', 'password': 'Harness-Admin-Pw-1!'}))['accessToken']
xml = '''<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://workflowhub/harness">
<bpmn:process id="path" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:userTask id="t" camunda:assignee="admin"/><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process></bpmn:definitions>'''
call(c, 'POST', '/api/definitions', xml, token, 'application/xml')
done = [0]; lock = threading.Lock(); prefix = str(int(time.time()))
def work(i, until):
    c = conn(); n = 0
    while time.time() < until:
        key = f"{prefix}-{i}-{n}"; n += 1
        call(c, 'POST', '/api/processes/path/start', json.dumps({'businessKey': key}), token)
        page = call(c, 'GET', f'/api/tasks?businessKey={key}', None, token)
        tid = page['items'][0]['id']
        call(c, 'POST', f'/api/tasks/{tid}/complete', '{}', token)
        with lock: done[0] += 1
t0 = time.time(); until = t0 + seconds
ts = [threading.Thread(target=work, args=(i, until)) for i in range(clients)]
[t.start() for t in ts]; [t.join() for t in ts]
el = time.time() - t0
print(f"{done[0]} instances in {el:.1f} s = {done[0]/el:.0f}/s")
