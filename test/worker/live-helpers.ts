import { call } from "./helpers";

/** Opens a WebSocket through the Worker as a page of this site would. */
export async function openSocket(
	path: string,
	cookie: string,
	origin = "https://portal.test",
): Promise<WebSocket> {
	const res = await call(path, { headers: { Upgrade: "websocket", Cookie: cookie, Origin: origin } });
	if (res.status !== 101 || !res.webSocket)
		throw new Error(`expected 101, got ${res.status}: ${await res.text()}`);
	res.webSocket.accept();
	return res.webSocket;
}

/** Collects parsed messages as they arrive, and waits for one that matches, with a timeout. */
export function inbox(ws: WebSocket) {
	const messages: Array<Record<string, unknown>> = [];
	const waiters: Array<() => void> = [];
	let closed: { code: number; reason: string } | null = null;
	ws.addEventListener("message", (e) => {
		if (typeof e.data === "string" && e.data.startsWith("{"))
			messages.push(JSON.parse(e.data) as Record<string, unknown>);
		for (const w of waiters.splice(0)) w();
	});
	ws.addEventListener("close", (e) => {
		closed = { code: e.code, reason: e.reason };
		for (const w of waiters.splice(0)) w();
	});
	return {
		messages,
		get closed() {
			return closed;
		},
		async next(
			match: (m: Record<string, unknown>) => boolean,
			timeoutMs = 2000,
		): Promise<Record<string, unknown>> {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = messages.find(match);
				if (found) return found;
				const left = deadline - Date.now();
				if (left <= 0)
					throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
		},
		async closedWithin(timeoutMs = 2000): Promise<{ code: number; reason: string }> {
			const deadline = Date.now() + timeoutMs;
			while (!closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			if (!closed) throw new Error(`socket still open after ${timeoutMs} ms`);
			return closed;
		},
	};
}

export function closeQuietly(ws: WebSocket) {
	try {
		ws.close(1000, "test done");
	} catch {
		// already closed
	}
}
