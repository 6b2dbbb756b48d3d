// The Worker's inspector (`wrangler dev --inspector-port`), spoken to by the profile and the soak.

type Target = { id: string; title: string; webSocketDebuggerUrl: string };

/** What an inspector lists: the Worker (wrangler's proxy), or every isolate (workerd's own). */
const targetsOf = async (port: number) =>
	(await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Target[];

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket (its first target's, or `url`). */
export async function devtools(port: number, url?: string) {
	const target = url ?? (await targetsOf(port))[0]?.webSocketDebuggerUrl;
	if (!target) throw new Error("the inspector lists no Worker");
	// The inspector proxy refuses a socket without an allowed Origin; Node's WebSocket takes headers.
	const ws = new WebSocket(target, {
		headers: { Origin: "http://localhost" },
	} as unknown as string[]);
	await new Promise((done, fail) => {
		ws.onopen = done;
		ws.onerror = fail;
	});
	let next = 1;
	const waiting = new Map<number, (result: unknown) => void>();
	ws.onmessage = (event) => {
		const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
		if (message.id !== undefined) waiting.get(message.id)?.(message.result);
	};
	return {
		send: <T>(method: string, params: Record<string, unknown> = {}) =>
			new Promise<T>((done) => {
				const id = next++;
				waiting.set(id, (r) => done(r as T));
				ws.send(JSON.stringify({ id, method, params }));
			}),
		close: () => ws.close(),
	};
}

/**
 * The Worker isolate's JS heap, in KiB: what our code holds (`used`), and what V8 has taken from
 * the process for it (`total`, committed), apart from workerd's own memory. Not after a full
 * collection: workerd's inspector never answers `collectGarbage`. Rejects after `ms` rather than
 * wait on an inspector that does not answer.
 */
export async function heapUsage(
	port: number,
	ms = 5_000,
	url?: string,
): Promise<{ used: number; total: number }> {
	const cdp = await devtools(port, url);
	try {
		const usage = cdp.send<{ usedSize: number; totalSize: number }>("Runtime.getHeapUsage");
		const late = new Promise<never>((_, fail) => setTimeout(() => fail(new Error("no answer")), ms).unref());
		const { usedSize, totalSize } = await Promise.race([usage, late]);
		return { used: Math.round(usedSize / 1024), total: Math.round(totalSize / 1024) };
	} finally {
		cdp.close();
	}
}

/** The isolate's JS heap in use, in KiB (see `heapUsage`). */
export const heapKiB = async (port: number, ms = 5_000) => (await heapUsage(port, ms)).used;

/**
 * Every isolate's committed JS heap, in KiB, from workerd's own inspector (the one it opens on a
 * port of its choosing, which lists each service: the Worker, and miniflare's local D1, queues,
 * storage and others): which of them holds memory the Worker's heap does not show.
 */
export async function isolateHeaps(port: number): Promise<Record<string, number>> {
	const heaps: Record<string, number> = {};
	for (const target of await targetsOf(port)) {
		const heap = await heapUsage(port, 5_000, target.webSocketDebuggerUrl).catch(() => undefined);
		if (heap) heaps[target.id] = heap.total;
	}
	return heaps;
}
