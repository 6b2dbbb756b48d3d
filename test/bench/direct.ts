// The Worker's own workerd, behind `wrangler dev`'s proxy. wrangler dev answers on a second
// workerd whose ProxyWorker forwards every request, and pumps every socket frame, to the
// Worker's workerd through a Durable Object: a development-only hop, on the same pinned core,
// that a deploy does not have. The benchmark measures the Worker, so it talks to it directly.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

type Listener = { port: number; pid: number };

function workerdListeners(): Listener[] {
	const out = execFileSync("ss", ["-tlnpH"], { encoding: "utf8" });
	const found: Listener[] = [];
	for (const line of out.split("\n")) {
		const m = line.match(/127\.0\.0\.1:(\d+)\s.*\("workerd",pid=(\d+)/);
		if (m) found.push({ port: Number(m[1]), pid: Number(m[2]) });
	}
	return found;
}

/** A process's group: the `wrangler dev` that started it leads the group its workerds share. */
function processGroup(pid: number): number | undefined {
	try {
		// pid (comm) state ppid pgrp …; comm may hold spaces, so count from its closing bracket.
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
	} catch {
		return undefined;
	}
}

/**
 * The address of the workerd that runs the Worker itself, found among the loopback listeners of
 * the workerd processes other than the one serving `baseUrl` (wrangler's proxy) and in that
 * proxy's process group, so another wrangler on the machine (a test suite's) is never taken for
 * it; `baseUrl` itself when none answers the health check (no `ss`).
 */
export async function directUrl(baseUrl: string): Promise<{ url: string; direct: boolean }> {
	let listeners: Listener[];
	try {
		listeners = workerdListeners();
	} catch {
		return { url: baseUrl, direct: false };
	}
	const publicPort = Number(new URL(baseUrl).port);
	const proxyPid = listeners.find((l) => l.port === publicPort)?.pid;
	const group = proxyPid === undefined ? undefined : processGroup(proxyPid);
	for (const { port, pid } of listeners) {
		if (pid === proxyPid || processGroup(pid) !== group) continue;
		const url = `http://127.0.0.1:${port}`;
		try {
			const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
			const body = (await res.json().catch(() => null)) as { ok?: boolean } | null;
			if (res.status === 200 && body?.ok === true) return { url, direct: true };
		} catch {
			// not an HTTP listener (inspector, debug port)
		}
	}
	return { url: baseUrl, direct: false };
}
