import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { BoardEvent } from "../../workers/contracts/live-messages";
import { IDEMPOTENCY_RETENTION_MS, IN_FLIGHT_TAKEOVER_MS } from "../../workers/domain/jobs/idempotency";
import { acceptUpgrade, closeQuietly, type Inbox, inbox } from "./live-helpers";

/** A gate of its own for one test. */
const freshGate = () => env.TENANT_GATE.get(env.TENANT_GATE.idFromName(crypto.randomUUID()));

const SCOPE = "con_test";
const KEY = "booking-key-0001";
const t0 = Date.UTC(2026, 0, 5, 9, 0);

describe("TenantGate.claimIdempotencyKey", () => {
	it("answers in_flight to a retry while the first request still runs", async () => {
		const gate = freshGate();
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0)).toEqual({ outcome: "claimed" });
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0 + IN_FLIGHT_TAKEOVER_MS - 1)).toEqual({
			outcome: "in_flight",
		});
	});

	it("lets a retry take over a claim left in flight for the takeover timeout, and holds it for the taker", async () => {
		const gate = freshGate();
		await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0);
		const takeover = t0 + IN_FLIGHT_TAKEOVER_MS;
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", takeover)).toEqual({ outcome: "claimed" });
		// The taker's claim is new: a third request just after it waits, as for any fresh claim.
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", takeover + 1)).toEqual({
			outcome: "in_flight",
		});
		await gate.completeIdempotencyKey(SCOPE, KEY, 201, '{"id":"job_1"}');
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", takeover + 2)).toEqual({
			outcome: "replay",
			status: 201,
			body: '{"id":"job_1"}',
		});
	});

	it("never lets a different payload take over a key, in flight or stale", async () => {
		const gate = freshGate();
		await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0);
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-b", t0 + 1)).toEqual({ outcome: "mismatch" });
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-b", t0 + IN_FLIGHT_TAKEOVER_MS)).toEqual({
			outcome: "mismatch",
		});
	});

	it("replays a completed key for 48 hours after its claim, then lets it be claimed afresh", async () => {
		const gate = freshGate();
		await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0);
		await gate.completeIdempotencyKey(SCOPE, KEY, 201, '{"id":"job_1"}');
		const replay = { outcome: "replay", status: 201, body: '{"id":"job_1"}' };
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0 + IN_FLIGHT_TAKEOVER_MS)).toEqual(replay);
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0 + IDEMPOTENCY_RETENTION_MS)).toEqual(replay);
		expect(await gate.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0 + IDEMPOTENCY_RETENTION_MS + 1)).toEqual({
			outcome: "claimed",
		});
		// Expired means forgotten: even another payload may use the key now.
		const later = freshGate();
		await later.claimIdempotencyKey(SCOPE, KEY, "fp-a", t0);
		await later.completeIdempotencyKey(SCOPE, KEY, 201, "{}");
		expect(await later.claimIdempotencyKey(SCOPE, KEY, "fp-b", t0 + IDEMPOTENCY_RETENTION_MS + 1)).toEqual({
			outcome: "claimed",
		});
	});

	it("drops expired keys from storage when it next claims", async () => {
		const gate = freshGate();
		await gate.claimIdempotencyKey(SCOPE, "old-key-00001", "fp", t0);
		await gate.completeIdempotencyKey(SCOPE, "old-key-00001", 201, "{}");
		await gate.claimIdempotencyKey(SCOPE, "new-key-00001", "fp", t0 + IDEMPOTENCY_RETENTION_MS + 1);
		const keys = await runInDurableObject(gate, (_, state) =>
			state.storage.sql
				.exec<{ key: string }>("SELECT key FROM idempotency_keys ORDER BY key")
				.toArray()
				.map((r) => r.key),
		);
		expect(keys).toEqual(["new-key-00001"]);
	});

	it("keeps each person's keys apart, and frees a released claim at once", async () => {
		const gate = freshGate();
		await gate.claimIdempotencyKey("con_a", KEY, "fp-a", t0);
		expect(await gate.claimIdempotencyKey("con_b", KEY, "fp-b", t0)).toEqual({ outcome: "claimed" });
		await gate.releaseIdempotencyKey("con_a", KEY);
		expect(await gate.claimIdempotencyKey("con_a", KEY, "fp-c", t0 + 1)).toEqual({ outcome: "claimed" });
	});
});

/** How many board events the gate keeps for catch-up (BOARD_LOG_SIZE in tenant-gate.ts). */
const BOARD_LOG_SIZE = 500;

const alert = (unread: number): BoardEvent => ({ type: "alert", unread });

/** Publishes `count` alert events, numbered 1…count, their unread count equal to their number. */
async function publishAlerts(gate: ReturnType<typeof freshGate>, count: number): Promise<void> {
	await runInDurableObject(gate, async (instance) => {
		for (let i = 1; i <= count; i++) expect(await instance.publishBoard(alert(i))).toBe(i);
	});
}

/** A board socket straight to the gate, as the Worker opens it for a signed-in dispatcher. */
async function openBoard(gate: ReturnType<typeof freshGate>, since?: number): Promise<Inbox> {
	const url = new URL("https://gate/board");
	if (since !== undefined) url.searchParams.set("since", String(since));
	const res = await gate.fetch(url, {
		headers: { Upgrade: "websocket", "X-Staff-Id": "stf_test", "X-Session-Hash": "hash_test" },
	});
	return inbox(await acceptUpgrade(res));
}

/** Everything the gate sent on connecting: it answers a ping only after its catch-up. */
async function catchUpOf(board: Inbox): Promise<Array<Record<string, unknown>>> {
	await board.roundTrip("ping", "pong");
	return [...board.messages];
}

describe("TenantGate board catch-up", () => {
	const published = BOARD_LOG_SIZE + 20;

	it("replays exactly the events after a recent `since`, in order, then says hello", async () => {
		const gate = freshGate();
		await publishAlerts(gate, published);
		const board = await openBoard(gate, published - 3);
		try {
			expect(await catchUpOf(board)).toEqual([
				{ type: "alert", unread: published - 2, seq: published - 2 },
				{ type: "alert", unread: published - 1, seq: published - 1 },
				{ type: "alert", unread: published, seq: published },
				{ type: "hello", seq: published },
			]);
		} finally {
			closeQuietly(board.socket);
		}
	});

	it(`replays all ${BOARD_LOG_SIZE} kept events for a \`since\` just before the oldest kept`, async () => {
		const gate = freshGate();
		await publishAlerts(gate, published);
		const oldestKept = published - BOARD_LOG_SIZE + 1;
		const board = await openBoard(gate, oldestKept - 1);
		try {
			const messages = await catchUpOf(board);
			expect(messages).toHaveLength(BOARD_LOG_SIZE + 1);
			expect(messages.slice(0, -1).map((m) => m.seq)).toEqual(
				Array.from({ length: BOARD_LOG_SIZE }, (_, i) => oldestKept + i),
			);
			expect(messages.at(-1)).toEqual({ type: "hello", seq: published });
		} finally {
			closeQuietly(board.socket);
		}
	});

	it("answers only resync for a `since` older than the kept window", async () => {
		const gate = freshGate();
		await publishAlerts(gate, published);
		for (const since of [0, published - BOARD_LOG_SIZE - 1]) {
			const board = await openBoard(gate, since);
			try {
				expect(await catchUpOf(board)).toEqual([{ type: "resync", seq: published }]);
			} finally {
				closeQuietly(board.socket);
			}
		}
	});

	it("says only hello to a board that is up to date or has no `since`", async () => {
		const gate = freshGate();
		await publishAlerts(gate, 3);
		for (const since of [3, undefined]) {
			const board = await openBoard(gate, since);
			try {
				expect(await catchUpOf(board)).toEqual([{ type: "hello", seq: 3 }]);
			} finally {
				closeQuietly(board.socket);
			}
		}
	});

	it("sends an open board each new event live, numbered after what it caught up on", async () => {
		const gate = freshGate();
		await publishAlerts(gate, 2);
		const board = await openBoard(gate, 1);
		try {
			await board.next((m) => m.type === "hello");
			expect(await gate.publishBoard(alert(7))).toBe(3);
			expect(await board.next((m) => m.seq === 3)).toEqual({ type: "alert", unread: 7, seq: 3 });
			expect(board.messages.map((m) => m.seq)).toEqual([2, 2, 3]);
		} finally {
			closeQuietly(board.socket);
		}
	});
});
