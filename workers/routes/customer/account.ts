import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { linkOrigin } from "../../app-origin";
import {
	AccountAdminSchema,
	AccountIdParam,
	ChangeColleagueInput,
	InviteColleagueInput,
	JoinRequestInput,
	LocationChangeInput,
	LocationInput,
	SavedAddressInput,
} from "../../contracts/account";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import {
	accountOverview,
	changeColleague,
	decideJoinRequest,
	inviteColleague,
	managedAccountId,
	removeColleague,
	requestToJoin,
} from "../../domain/customers/account-admin";
import {
	addLocationAddress,
	changeLocation,
	createLocation,
	removeSavedAddress,
} from "../../domain/customers/locations";
import { requestMeta } from "../../request-meta";
import { requestActor } from "../actor";
import { createRouter } from "../router";

const tags = ["customer account admin"];

const Ok = z.object({ ok: z.literal(true) });

/** The admin's account, the page's whole answer after every change. */
const overview = async (c: Context<AppEnv>) =>
	accountOverview(c.var.db, c.var.tenant.id, managedAccountId(c.var.me), c.var.me.id);

const inviteDeps = (c: Context<AppEnv>) => ({
	db: c.var.db,
	sendEmail: c.var.sendEmail,
	origin: linkOrigin(c.env, c.req.url),
	meta: requestMeta(c),
	now: Date.now(),
});

const JoinRequestParam = AccountIdParam;

/**
 * `/account`: an account admin manages colleagues (invite, role and locations, remove), the
 * account's locations with their saved addresses, and requests to join. Other roles: 403.
 */
export const customerAccountRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/account",
			tags,
			summary: "Your account: colleagues, locations with their saved addresses, pending join requests",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The account", AccountAdminSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json(await overview(c), 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/contacts",
			tags,
			summary: "Invite a colleague: they get a sign-in link to this account by email",
			description:
				"The link works once for 3 days, and like every sign-in link it signs in only after a click on its page, so mail scanners use nothing. 409 when someone of this portal already has the address; 400 naming `locationIds` for a location of another account.",
			request: { params: SlugParam, body: jsonBody(InviteColleagueInput) },
			responses: {
				201: jsonAnswer("Invited; the account as it is now", AccountAdminSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const accountId = managedAccountId(c.var.me);
			await inviteColleague(inviteDeps(c), c.var.tenant, requestActor(c), accountId, c.req.valid("json"));
			return c.json(await overview(c), 201);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/account/contacts/{id}",
			tags,
			summary: "Change a colleague's role or locations",
			description:
				"Their next request is answered for their new role. 409 `last_admin` when the account's last admin would stop being one.",
			request: { params: AccountIdParam, body: jsonBody(ChangeColleagueInput) },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const accountId = managedAccountId(c.var.me);
			await changeColleague(
				{ db: c.var.db, now: Date.now() },
				requestActor(c),
				accountId,
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/account/contacts/{id}",
			tags,
			summary: "Remove a colleague: their sessions end at once and their next request is 401",
			description: "409 `last_admin` when they are the account's last admin.",
			request: { params: AccountIdParam },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(401, 403, 404, 409),
			},
		}),
		async (c) => {
			const accountId = managedAccountId(c.var.me);
			const deps = { db: c.var.db, live: c.var.live, now: Date.now() };
			await removeColleague(deps, requestActor(c), accountId, c.req.valid("param").id);
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/locations",
			tags,
			summary: "Add a location (branch office) with its address, notes and default contact",
			request: { params: SlugParam, body: jsonBody(LocationInput) },
			responses: {
				201: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			await createLocation(c.var.db, requestActor(c), managedAccountId(c.var.me), c.req.valid("json"));
			return c.json(await overview(c), 201);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/account/locations/{id}",
			tags,
			summary: "Change a location's name, address, notes or default contact",
			request: { params: AccountIdParam, body: jsonBody(LocationChangeInput) },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			await changeLocation(
				c.var.db,
				requestActor(c),
				managedAccountId(c.var.me),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/locations/{id}/addresses",
			tags,
			summary: "Save an address under a location; bookers of that location pick it when booking",
			request: { params: AccountIdParam, body: jsonBody(SavedAddressInput) },
			responses: {
				201: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			await addLocationAddress(
				c.var.db,
				requestActor(c),
				managedAccountId(c.var.me),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(await overview(c), 201);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/account/addresses/{id}",
			tags,
			summary: "Remove a saved address of the account",
			request: { params: AccountIdParam },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			await removeSavedAddress(
				c.var.db,
				requestActor(c),
				managedAccountId(c.var.me),
				c.req.valid("param").id,
			);
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/join-requests/{id}/approve",
			tags,
			summary: "Let someone who asked to join in: they become a booker and get a sign-in link",
			request: { params: JoinRequestParam },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(401, 403, 404, 409),
			},
		}),
		async (c) => {
			const accountId = managedAccountId(c.var.me);
			const { id } = c.req.valid("param");
			await decideJoinRequest(inviteDeps(c), c.var.tenant, requestActor(c), accountId, id, "approve");
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/join-requests/{id}/decline",
			tags,
			summary: "Decline a request to join",
			request: { params: JoinRequestParam },
			responses: {
				200: jsonAnswer("The account as it is now", AccountAdminSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const accountId = managedAccountId(c.var.me);
			const { id } = c.req.valid("param");
			await decideJoinRequest(inviteDeps(c), c.var.tenant, requestActor(c), accountId, id, "decline");
			return c.json(await overview(c), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/auth/join-request",
			tags: ["customer portal sign-in"],
			summary: "Ask to join the account of your email's domain (when the portal takes join requests)",
			description:
				"Open without a session, from the sign-in page. Always 202 whether or not an account matches, so the answer reveals no one; the account's admins see the request in the portal and are emailed a link to it. 403 while the tenant's setting `allowJoinRequests` is off (the default).",
			request: { params: SlugParam, body: jsonBody(JoinRequestInput) },
			responses: { 202: jsonAnswer("Asked", Ok), ...errorResponses(400, 403, 404) },
		}),
		async (c) => {
			await requestToJoin(
				{ db: c.var.db, meta: requestMeta(c), now: Date.now(), notices: c.var.notices },
				c.var.tenant,
				c.req.valid("json"),
			);
			return c.json({ ok: true as const }, 202);
		},
	);
