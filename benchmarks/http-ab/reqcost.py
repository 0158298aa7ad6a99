# Server CPU per request, by kind of request: four Python keep-alive clients load one server started with serve.sh
# (signed in as the harness's administrator) for <seconds> per kind, and the server's CPU time (utime+stime from
# /proc/<pid>/stat) is divided by the requests answered. Kinds: health, policy (anonymous, trivial), info (Identity's
# own signed-in endpoint), findnone (a find that matches nothing), start, startfind, path (start → find → complete).
# usage: python3 reqcost.py <port> <server pid> <seconds> <kind>...
import http.client, json, sys, time, os, multiprocessing as mp
port=int(sys.argv[1]); pid=int(sys.argv[2]); secs=float(sys.argv[3]); kinds=sys.argv[4:]
def call(c, method, path, body=None, token=None, ctype='application/json'):
    h={'Content-Type':ctype}
    if token: h['Authorization']='Bearer '+token
    c.request(method,path,body=body,headers=h); r=c.getresponse(); d=r.read()
    if r.status>=300 and r.status!=404: raise Exception(f"{method} {path} {r.status} {d[:200]}")
    return json.loads(d) if d and r.status<300 and d[:1] in (b'{',b'[') else None
def cpu():
    f=open(f'/proc/{pid}/stat').read().split(')')[1].split(); return (int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK')
c=http.client.HTTPConnection('127.0.0.1',port)
token=call(c,'POST','/api/identity/login?useCookies=false',json.dumps({'email':'admin','password':'Harness-Admin-Pw-1!'}))['accessToken']
xml='''<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://workflowhub/harness">
<bpmn:process id="path" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:userTask id="t" camunda:assignee="admin"/><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process></bpmn:definitions>'''
call(c,'POST','/api/definitions',xml,token,'application/xml')
def work(args):
    kind,i,until=args; c=http.client.HTTPConnection('127.0.0.1',port); n=0
    while time.time()<until:
        key=f"{kind}{time.time_ns()}-{i}-{n}"; n+=1
        if kind=='health': call(c,'GET','/health')
        elif kind=='policy': call(c,'GET','/api/identity/policy')
        elif kind=='info': call(c,'GET','/api/identity/manage/info',None,token)
        elif kind=='findnone': call(c,'GET',f'/api/tasks?businessKey={key}',None,token)
        elif kind=='start': call(c,'POST','/api/processes/path/start',json.dumps({'businessKey':key}),token)
        elif kind=='startfind':
            call(c,'POST','/api/processes/path/start',json.dumps({'businessKey':key}),token)
            p=call(c,'GET',f'/api/tasks?businessKey={key}',None,token)
        elif kind=='path':
            call(c,'POST','/api/processes/path/start',json.dumps({'businessKey':key}),token)
            p=call(c,'GET',f'/api/tasks?businessKey={key}',None,token)
            call(c,'POST',f"/api/tasks/{p['items'][0]['id']}/complete",'{}',token)
    return n
for kind in kinds:
    with mp.Pool(4) as pool:
        pool.map(work,[(kind,i,time.time()+2) for i in range(4)])  # warm
        c0=cpu(); t0=time.time()
        n=sum(pool.map(work,[(kind,i,time.time()+secs) for i in range(4)]))
        c1=cpu(); el=time.time()-t0
    print(f"{kind:10s} {n/el:7.0f}/s  server {1e6*(c1-c0)/n:6.0f} µs per call ({(c1-c0)/el:.2f} cores)",flush=True)
