import type { Db } from "../../db";
import type { RequestMeta } from "../request-meta";
import { AUDIENCE_AUDIT_ACTOR, type Me } from "../sign-in/audiences";
import { auditInsert } from "./audit";

/** Who is acting, in which tenant and from where: what every audited workflow records. */
export type Actor = {
	tenantId: string;
	/** A person of an audience, or `api`: an API key (its id and name) acting for the tenant. */
	type: (typeof AUDIENCE_AUDIT_ACTOR)[keyof typeof AUDIENCE_AUDIT_ACTOR] | "api";
	id: string;
	label: string;
	meta: RequestMeta;
};

/** The signed-in person as an actor. */
export function actorOf(tenantId: string, me: Me, meta: RequestMeta): Actor {
	return { tenantId, type: AUDIENCE_AUDIT_ACTOR[me.audience], id: me.id, label: me.name, meta };
}

/** The audit entry of something `actor` did, to run inside the batch that does it. */
export function auditBy(
	db: Db,
	actor: Actor,
	entry: { action: string; targetType?: string; targetId?: string; data?: Record<string, unknown> },
	now = Date.now(),
) {
	return auditInsert(
		db,
		{
			tenantId: actor.tenantId,
			actorType: actor.type,
			actorId: actor.id,
			actorLabel: actor.label,
			...entry,
			...actor.meta,
		},
		now,
	);
}
