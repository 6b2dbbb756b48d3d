import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { tenants } from "../../schema/tables/tenants";
import type { Bindings } from "../bindings";
import type { Db } from "../db";
import type { EnqueueImportWork, ImportMessage } from "../domain/imports/customer-imports";
import { sendInviteBatch } from "../domain/imports/invites";
import { writeImportChunk } from "../domain/imports/write-chunk";
import { toTenant } from "../domain/tenant/tenant";
import { createEmailSender } from "../email/sender";
import { tenantGate } from "../live/channels";
import { openShard, shardOfTenant } from "../shards";

/** What the import queue carries, checked on arrival like every other message. */
const ImportMessageSchema = z.discriminatedUnion("type", [
	z.object({
		type: z.literal("import_chunk"),
		tenantId: z.string(),
		importId: z.string(),
		seq: z.number().int().min(0),
	}),
	z.object({ type: z.literal("invite_batch"), tenantId: z.string(), importId: z.string(), origin: z.url() }),
]);

/** Cloudflare Queues take at most 100 messages per `sendBatch`. */
const SEND_BATCH_MAX = 100;

/** The import queue as the domain's `EnqueueImportWork`. */
export function importQueue(env: Bindings): EnqueueImportWork {
	return async (messages) => {
		for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
			await env.IMPORT_QUEUE.sendBatch(
				messages.slice(i, i + SEND_BATCH_MAX).map((m) => ({ body: m.body, delaySeconds: m.delaySeconds })),
			);
		}
	};
}

async function handle(env: Bindings, db: Db, message: ImportMessage): Promise<void> {
	if (message.type === "import_chunk") {
		await writeImportChunk(db, message);
		return;
	}
	const row = await db.select().from(tenants).where(eq(tenants.id, message.tenantId)).get();
	if (!row) return;
	await sendInviteBatch(
		{
			db,
			gate: tenantGate(env, message.tenantId),
			sendEmail: createEmailSender(env, db),
			enqueue: importQueue(env),
			origin: message.origin,
		},
		toTenant(row),
		message.importId,
	);
}

/**
 * The consumer of the import queue: writes import chunks and sends paced invitations. A message
 * that fails is retried by the queue (each step is safe to repeat); one that is not ours is
 * logged and dropped.
 */
export async function consumeImportQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
	for (const message of batch.messages) {
		const parsed = ImportMessageSchema.safeParse(message.body);
		if (!parsed.success) {
			console.error("import queue: message dropped", { id: message.id, issues: parsed.error.issues.length });
			message.ack();
			continue;
		}
		try {
			// Each message names its tenant, and so its shard.
			const db = openShard(env, await shardOfTenant(env, parsed.data.tenantId));
			await handle(env, db, parsed.data);
			message.ack();
		} catch (err) {
			console.error("import queue: message failed", {
				...parsed.data,
				attempts: message.attempts,
				err: String(err),
				stack: (err as Error).stack,
			});
			message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
		}
	}
}
