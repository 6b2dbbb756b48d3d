import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { StaffJobSchema } from "../../contracts/staff-jobs";
import { addStaffNote, cancelJob, editJob } from "../../domain/jobs/job-changes";
import { JobCancelInput, JobEditInput, JobNoteInput } from "../../domain/jobs/staff-job-input";
import { requestActor } from "../actor";
import { createRouter } from "../router";
import { staffJob, jobTags as tags } from "./job-context";

const changeDeps = (c: Context<AppEnv>) => ({
	db: c.var.db,
	live: c.var.live,
	now: Date.now(),
	notices: c.var.notices,
});

/** Dispatcher changes to a job: edit, cancel, staff notes. Each lands in the timeline and the audit log. */
export const staffJobChangeRoutes = createRouter()
	.openapi(
		createRoute({
			method: "patch",
			path: "/jobs/{id}",
			tags,
			summary: "Edit a job: reference, description, window, stops",
			description:
				"Only the fields sent change. The window is sent whole, with the booking form's names for the job's kind, and follows the booking rules. A completed or cancelled job is 409.",
			request: { params: JobIdParam, body: jsonBody(JobEditInput) },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await editJob(changeDeps(c), requestActor(c), id, c.req.valid("json"), c.var.tenant.timezone);
			return c.json(await staffJob(c, id), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/cancel",
			tags,
			summary: "Cancel a job, with a reason the customer sees",
			request: { params: JobIdParam, body: jsonBody(JobCancelInput) },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await cancelJob(changeDeps(c), requestActor(c), id, c.req.valid("json").reason);
			return c.json(await staffJob(c, id), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/notes",
			tags,
			summary: "Add a dispatcher's note to a job (staff only; customers do not see it)",
			request: { params: JobIdParam, body: jsonBody(JobNoteInput) },
			responses: { 201: jsonAnswer("The job", StaffJobSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await addStaffNote(c.var.db, requestActor(c), id, c.req.valid("json").text);
			return c.json(await staffJob(c, id), 201);
		},
	);
