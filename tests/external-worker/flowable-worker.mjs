// Flowable's external-worker client for JavaScript (@flowable-oss/external-worker-client 1.0.2), configured as its
// README shows for a local Flowable: only flowableHost and a bearer token point it at WorkflowHub. Run by
// ExternalWorkerClientTests: HUB_URL, HUB_TOKEN, TOPIC, WORKER_ID, MODE=complete|bpmnError|fail.
// It handles the first job it acquires as MODE says, prints what it received, and exits once the server has answered.
import flowable from "@flowable-oss/external-worker-client";

const { ExternalWorkerClient } = flowable;
const { HUB_URL, HUB_TOKEN, TOPIC, WORKER_ID, MODE = "complete" } = process.env;

const finish = /\/acquire\/jobs\/[^/]+\/(complete|bpmnError|fail)$/;

const client = new ExternalWorkerClient({
  flowableHost: HUB_URL,
  workerId: WORKER_ID,
  auth: { token: HUB_TOKEN },
  customizeAxios: (axios) =>
    axios.interceptors.response.use(
      (response) => {
        const done = finish.exec(response.config.url);
        if (done) {
          console.log(`${done[1]} ${response.status}`);
          process.exit(0);
        }
        return response;
      },
      (error) => {
        console.error(`http ${error.response?.status} ${error.config?.url} ${JSON.stringify(error.response?.data)}`);
        process.exit(2);
      },
    ),
});

client.subscribe({
  topic: TOPIC,
  lockDuration: "PT1M",
  numberOfTasks: 1,
  waitPeriodSeconds: 1,
  callbackHandler(job, result) {
    console.log(`acquired ${job.id} ${JSON.stringify(job.variables)}`);
    const amount = job.variables.find((v) => v.name === "amount")?.value;
    if (MODE === "bpmnError") {
      return result.bpmnError().errorCode("REJECTED").variable("reason", "blacklisted", "string");
    }
    if (MODE === "fail") {
      return result.failure().errorMessage("credit bureau down").errorDetails("timeout after 30 s").retries(0);
    }
    return result
      .success()
      .variable("approved", amount < 10000, "boolean")
      .variable("checkedBy", WORKER_ID, "string")
      .variable("score", 0.75, "double")
      .variable("details", { source: "flowable-external-worker-client", amount }, "json");
  },
});
