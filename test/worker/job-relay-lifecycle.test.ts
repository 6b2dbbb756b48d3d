import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { RelayConfig, RelayVisitor } from "../../workers/contracts/relay";
import { ENDED_RELAY_RETENTION_MS } from "../../workers/durable-objects/job-relay";
import { relayUpgradeRequest } from "../../workers/live/channels";
import { closeQuietly, inbox } from "./live-helpers";
import { fixFrame, jobEnRoute, PICKUP, setStatus } from "./relay-setup";

const relay = (jobId: string) => env.JOB_RELAY.get(env.JOB_RELAY.idFromName(jobId));

/** A relay of its own, configured over RPC as the Worker does before an upgrade. */
async function configuredRelay(overrides: Partial<RelayConfig> = {}) {
	const config: RelayConfig = {
		tenantId: crypto.randomUUID(),
		jobId: crypto.randomUUID(),
		technicianId: crypto.randomUUID(),
		status: "en_route",
		pausedMessage: null,
		destination: PICKUP,
		...overrides,
	};
	const stub = relay(config.jobId);
	await stub.configure(config);
	return { config, stub };
}

async function connect(stub: ReturnType<typeof relay>, visitor: RelayVisitor): Promise<WebSocket> {
	const res = await stub.fetch(relayUpgradeRequest(visitor));
	if (res.status !== 101 || !res.webSocket)
		throw new Error(`expected 101, got ${res.status}: ${await res.text()}`);
	res.webSocket.accept();
	return res.webSocket;
}

/** The relay's own tables left in its storage (SQLite's and the runtime's are not ours). */
function relayTables(stub: ReturnType<typeof relay>) {
	return runInDurableObject(stub, (_, state) =>
		state.storage.sql
			.exec<{ name: string }>(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
			)
			.toArray()
			.map((r) => r.name),
	);
}

describe("JobRelay configured over RPC", () => {
	it("takes the assigned technician's fixes and refuses other technicians and unconfigured upgrades", async () => {
		const unconfigured = await relay(crypto.randomUUID()).fetch(
			relayUpgradeRequest({ role: "staff", subjectId: "desk", sessionHash: null }),
		);
		expect(unconfigured.status).toBe(409);

		const { config, stub } = await configuredRelay();
		const other = await stub.fetch(
			relayUpgradeRequest({ role: "technician", subjectId: crypto.randomUUID(), sessionHash: null }),
		);
		expect(other.status).toBe(403);
		const unknownRole = await stub.fetch(
			new Request("https://job-relay/live", { headers: { Upgrade: "websocket", "X-Relay-Role": "admin" } }),
		);
		expect(unknownRole.status).toBe(400);

		const tech = await connect(stub, {
			role: "technician",
			subjectId: config.technicianId,
			sessionHash: null,
		});
		const staffWs = await connect(stub, { role: "staff", subjectId: "desk", sessionHash: null });
		const staff = inbox(staffWs);
		try {
			expect(await staff.next((m) => m.type === "snapshot")).toMatchObject({ status: "en_route" });
			tech.send(fixFrame(700));
			expect(await staff.next((m) => m.type === "position")).toMatchObject({
				position: { lng: PICKUP.lng, accuracy: 10 },
			});
		} finally {
			closeQuietly(tech);
			closeQuietly(staffWs);
		}
	});
});

describe("JobRelay after its job ended", () => {
	it("keeps its storage while the job is live and deletes it by alarm once the job is completed", async () => {
		const s = await jobEnRoute();
		const stub = relay(s.job.id);
		const tech = await connect(stub, { role: "technician", subjectId: s.tech.id, sessionHash: null });
		const watcherWs = await connect(stub, { role: "staff", subjectId: "desk", sessionHash: null });
		const watcher = inbox(watcherWs);
		try {
			tech.send(fixFrame(900));
			await watcher.next((m) => m.type === "position");

			expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "in_progress")).status).toBe(200);
			await watcher.next((m) => m.type === "status" && m.status === "in_progress");
			expect(await runDurableObjectAlarm(stub)).toBe(false);
			expect(await relayTables(stub)).toEqual(expect.arrayContaining(["relay_state", "breadcrumb"]));
			const crumbs = await runInDurableObject(
				stub,
				(_, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM breadcrumb").one().n,
			);
			expect(crumbs).toBe(1);

			const before = Date.now();
			expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "completed")).status).toBe(200);
			await watcher.next((m) => m.type === "status" && m.status === "completed");
			const alarmAt = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
			expect(alarmAt).toBeGreaterThanOrEqual(before + ENDED_RELAY_RETENTION_MS);
			expect(alarmAt).toBeLessThanOrEqual(Date.now() + ENDED_RELAY_RETENTION_MS);

			expect(await runDurableObjectAlarm(stub)).toBe(true);
			expect((await watcher.closedWithin()).code).toBe(4003);
			expect(await relayTables(stub)).toEqual([]);
			expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeNull();
		} finally {
			closeQuietly(tech);
			closeQuietly(watcherWs);
		}
	});

	it("does not push the deletion back when an ended job is configured again", async () => {
		const { config, stub } = await configuredRelay({ status: "cancelled" });
		const first = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
		expect(first).not.toBeNull();
		await stub.configure(config);
		expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBe(first);
	});
});

describe("Durable Object entry points", () => {
	it("log a failing JobRelay:webSocketMessage with the job and close its socket", async () => {
		const { config, stub } = await configuredRelay();
		const tech = await connect(stub, {
			role: "technician",
			subjectId: config.technicianId,
			sessionHash: null,
		});
		const techInbox = inbox(tech);
		const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
		try {
			await techInbox.next((m) => m.type === "snapshot");
			// A stored config the relay cannot read once it wakes (it keeps the config in memory
			// while awake): the next frame fails inside the handler.
			await runInDurableObject(stub, (_, state) => {
				state.storage.sql.exec(`UPDATE relay_state SET config = '{"status":"teleporting"}'`);
			});
			await evictDurableObject(stub);
			tech.send(fixFrame(300));
			expect((await techInbox.closedWithin()).code).toBe(1011);
			expect(logged).toHaveBeenCalledWith(
				"JobRelay:webSocketMessage",
				expect.objectContaining({
					jobId: config.jobId,
					attachment: expect.objectContaining({ role: "technician" }),
					err: expect.objectContaining({ name: "ZodError" }),
				}),
			);
		} finally {
			logged.mockRestore();
			closeQuietly(tech);
		}
	});

	it("log a failing TenantGate RPC as TenantGate:boardPositions with the tenant and rethrow", async () => {
		const tenantId = crypto.randomUUID();
		const gate = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(tenantId));
		await runInDurableObject(gate, (_, state) => {
			state.storage.sql.exec(
				"INSERT INTO technician_positions (technician_id, job_id, position) VALUES ('t', 'j', '{\"lat\":\"north\"}')",
			);
		});
		const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
		try {
			// `.then` rather than `expect().rejects`: probing an RPC promise's properties pipelines
			// calls on it, which reject again, unhandled.
			const failure = await gate.boardPositions().then(
				() => null,
				(err: unknown) => err,
			);
			expect(failure).toBeInstanceOf(Error);
			expect(logged).toHaveBeenCalledWith(
				"TenantGate:boardPositions",
				expect.objectContaining({
					tenantId,
					err: expect.objectContaining({ name: expect.stringMatching(/ZodError$/) }),
				}),
			);
		} finally {
			logged.mockRestore();
		}
	});
});
