import { call } from "./helpers";

/** Opens a WebSocket through the Worker as a page of this site would. */
export async function openSocket(
	path: string,
	cookie: string,
	origin = "https://portal.test",
): Promise<WebSocket> {
	const res = await call(path, { headers: { Upgrade: "websocket", Cookie: cookie, Origin: origin } });
	return acceptUpgrade(res);
}

/** The client end of a 101 answer, accepted; throws on any other answer. */
export async function acceptUpgrade(res: Response): Promise<WebSocket> {
	if (res.status !== 101 || !res.webSocket)
		throw new Error(`expected 101, got ${res.status}: ${await res.text()}`);
	res.webSocket.accept();
	return res.webSocket;
}

export type Inbox = ReturnType<typeof inbox>;

/**
 * Collects a socket's frames as they arrive; make it as soon as the socket is open, since
 * frames that arrive before are gone. Every wait is for an event (a frame, the close)
 * and fails after its timeout instead of hanging.
 */
export function inbox(ws: WebSocket) {
	const frames: string[] = [];
	const messages: Array<Record<string, unknown>> = [];
	const recheck = new Set<() => void>();
	let closed: { code: number; reason: string } | null = null;
	ws.addEventListener("message", (e) => {
		if (typeof e.data === "string") {
			frames.push(e.data);
			if (e.data.startsWith("{")) messages.push(JSON.parse(e.data) as Record<string, unknown>);
		}
		for (const check of [...recheck]) check();
	});
	ws.addEventListener("close", (e) => {
		closed = { code: e.code, reason: e.reason };
		for (const check of [...recheck]) check();
	});

	/** Resolves with `found()`'s first defined answer, checked now and after every frame. */
	function until<T>(found: () => T | undefined, failure: string, timeoutMs: number): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const stop = () => {
				clearTimeout(timer);
				recheck.delete(check);
			};
			const check = () => {
				const value = found();
				if (value !== undefined) {
					stop();
					resolve(value);
				}
			};
			const timer = setTimeout(() => {
				stop();
				reject(new Error(`${failure} within ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`));
			}, timeoutMs);
			recheck.add(check);
			check();
		});
	}

	return {
		socket: ws,
		messages,
		frames,
		get closed() {
			return closed;
		},
		/** The first message so far or to come that matches. */
		next(match: (m: Record<string, unknown>) => boolean, timeoutMs = 2000): Promise<Record<string, unknown>> {
			return until(() => messages.find(match), "no matching message", timeoutMs);
		},
		/** The close, once it has happened. */
		closedWithin(timeoutMs = 2000): Promise<{ code: number; reason: string }> {
			return until(() => closed ?? undefined, "the socket stayed open", timeoutMs);
		},
		/**
		 * Sends `ping` and waits for the `pong` it is answered with. The server answers in order,
		 * so anything it sent this socket before is here once this resolves: the way to assert
		 * that something did not arrive.
		 */
		async roundTrip(ping: string, pong: string, timeoutMs = 2000): Promise<void> {
			const count = () => frames.filter((f) => f === pong).length;
			const before = count();
			ws.send(ping);
			await until(() => (count() > before ? true : undefined), `no ${pong}`, timeoutMs);
		},
	};
}

/** The JobRelay's keep-alive, which it answers in order with everything else it sends. */
export const RELAY_PING = JSON.stringify({ type: "ping" });
export const RELAY_PONG = JSON.stringify({ type: "pong" });

export function closeQuietly(...sockets: WebSocket[]) {
	for (const ws of sockets) {
		try {
			ws.close(1000, "test done");
		} catch {
			// already closed
		}
	}
}
