import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { CustomerJobSchema, JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { ChangeRequestInput, CustomerCancelInput } from "../../domain/jobs/customer-change-input";
import { cancelCustomerJob, changeCustomerJob, customerJobView } from "../../domain/jobs/customer-changes";
import { customerScope } from "../../middleware/customer";
import { requestActor } from "../actor";
import { createRouter } from "../router";

const tags = ["customer jobs"];

const customerChange = (c: Context<AppEnv>) => ({
	deps: { db: c.var.db, live: c.var.live, now: Date.now(), notices: c.var.notices },
	actor: requestActor(c),
	me: c.var.me,
	tenant: c.var.tenant,
	scope: customerScope(c),
});

/** Customers cancel their jobs or change the window and instructions, until the tenant's cutoff. */
export const customerJobChangeRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/cancel",
			tags,
			summary: "Cancel one of your jobs, until the tenant's cutoff",
			description:
				"Before the cutoff (tenant setting `customerChangeCutoff`, default: until a technician is en route) the job is cancelled: 200 the job. After it the job stays as it is, the request goes to the dispatchers' inbox and the answer is 409 `past_cutoff`. 403 for billing and viewer roles; 409 `conflict` for a finished job.",
			request: { params: JobIdParam, body: jsonBody(CustomerCancelInput) },
			responses: {
				200: jsonAnswer("The cancelled job", CustomerJobSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const change = customerChange(c);
			const { id } = c.req.valid("param");
			await cancelCustomerJob(change, id, c.req.valid("json").reason);
			return c.json(await customerJobView(change, id), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/change-request",
			tags,
			summary: "Change the time window or the instructions of one of your jobs, or ask for it",
			description:
				"The window is sent whole with the booking form's names for the job's kind (`readyAt`/`deliverBy` or `preferredFrom`/`preferredTo`) and follows the booking rules; `instructions` per stop (`pickup`, `dropoff`, `service`), an empty text clears them. Before the cutoff the job changes: 200. After it the job stays as it is and the request goes to the dispatchers' inbox: 202. 403 for billing and viewer roles; 409 for a finished job.",
			request: { params: JobIdParam, body: jsonBody(ChangeRequestInput) },
			responses: {
				200: jsonAnswer("The job, changed", CustomerJobSchema),
				202: jsonAnswer("The job as it is; the dispatchers were asked", CustomerJobSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const change = customerChange(c);
			const { id } = c.req.valid("param");
			const outcome = await changeCustomerJob(change, id, c.req.valid("json"));
			return c.json(await customerJobView(change, id), outcome === "requested" ? 202 : 200);
		},
	);
