/**
 * The web app's one WebSocket client: the board feed and every live view (customer, tracking
 * link, technician) open their sockets through it, each with its own path, keep-alive and rule
 * for when a close is final.
 */

/** First retry after about a second, doubling up to half a minute. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** Pinged this often; a socket silent for twice as long is dead even if the browser thinks not. */
const KEEPALIVE_MS = 25_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first retry): exponential
 * backoff with "equal jitter" — half the step is fixed, half random — so a server restart
 * does not bring every phone and console back in the same instant, yet nobody retries at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const step = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
	return Math.round(step / 2 + random() * (step / 2));
}

export type SocketState =
	/** The first attempt, before the server has spoken. */
	| { status: "connecting" }
	/** The server has greeted this connection. */
	| { status: "open" }
	/** Lost; the next attempt starts at `retryAt` (and keeps this state until the server speaks). */
	| { status: "waiting"; retryAt: number; closeCode?: number }
	/** Over for good: the caller's rule refused to reconnect after this close. */
	| { status: "closed"; code: number; reason: string };

/**
 * What checks a frame: a zod schema, classic or mini (`zod/mini` keeps the light access socket's
 * check to a few kB where classic zod would bring its whole parser after the first page).
 */
export type FrameSchema<T> = {
	safeParse(data: unknown): { success: true; data: T } | { success: false };
};

export type ReconnectingSocketOptions<T> = {
	/**
	 * The same-origin path to connect to, asked before every attempt, so it can carry the
	 * caller's catch-up position (`?since=`) and load what that position needs first. Throwing
	 * counts as a failed attempt, retried with the same backoff.
	 */
	path: () => string | Promise<string>;
	/**
	 * Each text frame is JSON-parsed and checked with this schema; anything else is ignored. A
	 * function loads it before the first connection, so its code stays out of the page's first load.
	 */
	schema: FrameSchema<T> | (() => Promise<FrameSchema<T>>);
	onMessage: (message: T) => void;
	onState: (state: SocketState) => void;
	/** The keep-alive frame; the server answers it, so long silence means a dead connection. */
	ping: string;
	/** The message that means the connection is up; by default the server's first frame. */
	isGreeting?: (message: T) => boolean;
	/** Asked after each close; false ends the socket (session ended, link revoked). Default: retry. */
	shouldReconnect?: (closeCode: number) => boolean | Promise<boolean>;
};

export type ReconnectingSocket = {
	/** Sends when connected; false when the text could not be sent now. */
	send: (text: string) => boolean;
	/** Drops the connection and connects again at once, asking `path` anew (after a resync). */
	reconnect: () => void;
	/** Closes for good; nothing is reported after this. */
	close: () => void;
};

/** `/api/...` → `wss://this-host/api/...` (ws: on plain http). */
function socketUrl(path: string): string {
	const scheme = location.protocol === "https:" ? "wss:" : "ws:";
	return `${scheme}//${location.host}${path}`;
}

function parseFrame<T>(schema: FrameSchema<T>, data: unknown): T | undefined {
	if (typeof data !== "string") return undefined;
	try {
		const parsed = schema.safeParse(JSON.parse(data));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined; // not JSON: a plain-text pong
	}
}

/**
 * A WebSocket that reconnects by itself with backoff and jitter, pings so a silently dead
 * connection is noticed, retries at once when the browser comes back online, and counts as
 * open only once the server has spoken: a socket that opens and dies at once (a proxy, a
 * captive portal) neither resets the backoff nor swallows what the caller sends on "open".
 */
export function openReconnectingSocket<T>(options: ReconnectingSocketOptions<T>): ReconnectingSocket {
	let ws: WebSocket | null = null;
	let attempt = 0;
	let stopped = false;
	/** Bumped by every attempt, so an attempt still awaiting its path knows it was replaced. */
	let generation = 0;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let keepAlive: ReturnType<typeof setInterval> | undefined;
	let schema = typeof options.schema === "function" ? null : options.schema;
	const loadSchema = options.schema;

	const scheduleRetry = (closeCode?: number) => {
		const delay = reconnectDelay(attempt++);
		options.onState({ status: "waiting", retryAt: Date.now() + delay, closeCode });
		clearTimeout(retryTimer);
		retryTimer = setTimeout(() => {
			retryTimer = undefined;
			void connect();
		}, delay);
	};

	const connect = async () => {
		if (stopped) return;
		const current = ++generation;
		if (attempt === 0) options.onState({ status: "connecting" });
		let path: string;
		try {
			if (!schema && typeof loadSchema === "function") schema = await loadSchema();
			path = await options.path();
		} catch {
			if (!stopped && current === generation) scheduleRetry();
			return;
		}
		if (stopped || current !== generation || !schema) return;
		const parser = schema;
		const socket = new WebSocket(socketUrl(path));
		ws = socket;
		let greeted = false;
		let heardAt = Date.now();
		clearInterval(keepAlive);
		keepAlive = setInterval(() => {
			if (Date.now() - heardAt > 2 * KEEPALIVE_MS) socket.close(4000, "no answer");
			else if (socket.readyState === WebSocket.OPEN) socket.send(options.ping);
		}, KEEPALIVE_MS);
		socket.addEventListener("message", (event) => {
			if (socket !== ws) return;
			heardAt = Date.now();
			const message = parseFrame(parser, event.data);
			if (!greeted && (options.isGreeting ? message !== undefined && options.isGreeting(message) : true)) {
				greeted = true;
				attempt = 0;
				options.onState({ status: "open" });
			}
			if (message !== undefined) options.onMessage(message);
		});
		socket.addEventListener("close", (event) => {
			if (socket !== ws) return;
			ws = null;
			clearInterval(keepAlive);
			if (!stopped) void afterClose(event.code, event.reason);
		});
	};

	const afterClose = async (code: number, reason: string) => {
		const again = options.shouldReconnect ? await options.shouldReconnect(code) : true;
		if (stopped) return;
		if (again) {
			scheduleRetry(code);
			return;
		}
		end();
		options.onState({ status: "closed", code, reason });
	};

	/** Back online: try now instead of waiting out the backoff. */
	const reconnectNow = () => {
		if (stopped || retryTimer === undefined) return;
		clearTimeout(retryTimer);
		retryTimer = undefined;
		void connect();
	};

	const end = () => {
		stopped = true;
		clearTimeout(retryTimer);
		retryTimer = undefined;
		clearInterval(keepAlive);
		window.removeEventListener("online", reconnectNow);
		const socket = ws;
		ws = null;
		socket?.close(1000, "done");
	};

	window.addEventListener("online", reconnectNow);
	void connect();
	return {
		send(text) {
			if (ws?.readyState !== WebSocket.OPEN) return false;
			ws.send(text);
			return true;
		},
		reconnect() {
			if (stopped) return;
			clearTimeout(retryTimer);
			retryTimer = undefined;
			clearInterval(keepAlive);
			const socket = ws;
			ws = null;
			socket?.close(1000, "reconnect");
			void connect();
		},
		close: end,
	};
}
