// Camunda's external-task client for JavaScript, configured as its README shows; only the base URL and a bearer-token
// interceptor point it at WorkflowHub. Run by ExternalWorkerClientTests:
//   HUB_URL, HUB_TOKEN, TOPIC, WORKER_ID, LOCK_MS (lockDuration), MODE=complete|die
// complete: completes the first task it gets with typed variables, then exits 0.
// die: is killed (SIGKILL) as soon as it holds a lock, as a crashed worker would be.
import { Client, Variables } from "camunda-external-task-client-js";

const { HUB_URL, HUB_TOKEN, TOPIC, WORKER_ID, LOCK_MS = "20000", MODE = "complete" } = process.env;

const bearerToken = (config) => ({ ...config, headers: { ...config.headers, Authorization: `Bearer ${HUB_TOKEN}` } });

const client = new Client({
  baseUrl: `${HUB_URL}/engine-rest`,
  workerId: WORKER_ID,
  interceptors: bearerToken,
  asyncResponseTimeout: 10000,
  lockDuration: Number(LOCK_MS),
});

client.on("poll:error", (error) => console.error(`poll:error ${error.message}`));
client.on("complete:error", (_task, error) => console.error(`complete:error ${error.message}`));

client.subscribe(TOPIC, async ({ task, taskService }) => {
  console.log(`locked ${task.id}`);
  if (MODE === "die") {
    process.kill(process.pid, "SIGKILL");
    return;
  }
  const amount = task.variables.get("amount");
  const result = new Variables();
  result.set("approved", amount < 10000);
  result.set("checkedBy", WORKER_ID);
  result.set("score", 0.75);
  result.set("details", { source: "camunda-external-task-client-js", amount, applicant: task.variables.get("applicant") });
  await taskService.complete(task, result);
  console.log(`completed ${task.id}`);
  client.stop();
  process.exit(0);
});
