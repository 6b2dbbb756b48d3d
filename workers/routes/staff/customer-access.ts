import { createRoute } from "@hono/zod-openapi";
import { ContactSchema } from "../../contracts/customer-directory";
import { errorResponses } from "../../contracts/openapi";
import { IdParam, jsonAnswer } from "../../contracts/staff";
import { blockCustomer, unblockCustomer } from "../../domain/customers/blocking";
import { toContactView } from "../../domain/customers/customer-directory";
import { notFound } from "../../errors";
import { requestActor } from "../actor";
import { createRouter } from "../router";

const accessRoute = (action: "block" | "unblock", summary: string, description: string) =>
	createRoute({
		method: "post",
		path: `/customers/contacts/{id}/${action}`,
		tags: ["customers"],
		summary,
		description,
		request: { params: IdParam },
		responses: { 200: jsonAnswer("The contact", ContactSchema), ...errorResponses(401, 403, 404) },
	});

/** Block and Unblock: the dispatcher's switch for one customer's access, effective at once. */
export const staffCustomerAccessRoutes = createRouter()
	.openapi(
		accessRoute(
			"block",
			"Block a customer: no sign-in, no booking, every session and live view ended",
			"One switch: in one atomic write the contact is marked blocked, all their sessions end and the audit entry is written; then their open live-tracking sockets are closed. Blocking a blocked contact changes nothing but still ends anything left open.",
		),
		async (c) => {
			const { db, live } = c.var;
			const contact = await blockCustomer({ db, live }, requestActor(c), c.req.valid("param").id);
			if (!contact) throw notFound("That contact");
			return c.json(toContactView(contact), 200);
		},
	)
	.openapi(
		accessRoute(
			"unblock",
			"Unblock a customer: they can sign in and book again",
			"They sign in afresh; sessions ended by the block do not come back.",
		),
		async (c) => {
			const contact = await unblockCustomer(c.var.db, requestActor(c), c.req.valid("param").id);
			if (!contact) throw notFound("That contact");
			return c.json(toContactView(contact), 200);
		},
	);
