import { reconnectDelay } from "./reconnect";

/**
 * `connecting` the first time, `open` once the server has spoken, `waiting` between attempts,
 * `closed` for good.
 */
export type SocketState = "connecting" | "open" | "waiting" | "closed";

/** Closed by the server because the session ended or the person was blocked: retrying cannot help. */
export const SESSION_ENDED_CODE = 4003;
/** Quiet for this long, the connection is presumed dead (a phone that changed networks). */
const KEEPALIVE_MS = 25_000;

export type LiveSocketOptions = {
	/** Same-origin path of the WebSocket endpoint, e.g. `/api/c/acme/jobs/job_1/live`. */
	path: string;
	onText: (text: string) => void;
	onState: (state: SocketState, closeCode?: number) => void;
	/**
	 * Asked before each reconnect; false stops retrying (a tracking link that was revoked).
	 * By default every close except a session-ended one is retried.
	 */
	shouldReconnect?: (closeCode: number) => boolean | Promise<boolean>;
};

export type LiveSocket = {
	/** Sends when connected; false when the text could not be sent now. */
	send: (text: string) => boolean;
	close: () => void;
};

/** `/api/...` → `wss://this-host/api/...` (ws: on plain http). */
function socketUrl(path: string, location: Location = window.location): string {
	const scheme = location.protocol === "https:" ? "wss:" : "ws:";
	return `${scheme}//${location.host}${path}`;
}

/**
 * A WebSocket that reconnects by itself with exponential backoff and jitter, and pings so a
 * silently dead connection is noticed. The relay answers `{"type":"ping"}` with a pong.
 */
export function openLiveSocket(options: LiveSocketOptions): LiveSocket {
	let ws: WebSocket | null = null;
	let attempt = 0;
	let stopped = false;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let keepAlive: ReturnType<typeof setInterval> | undefined;
	let heardAt = 0;

	const connect = () => {
		if (stopped) return;
		options.onState(attempt === 0 ? "connecting" : "waiting");
		const socket = new WebSocket(socketUrl(options.path));
		ws = socket;
		let heard = false;
		socket.addEventListener("open", () => {
			heardAt = Date.now();
			keepAlive = setInterval(() => {
				if (Date.now() - heardAt > 2 * KEEPALIVE_MS) socket.close(4000, "no answer");
				else socket.send(JSON.stringify({ type: "ping" }));
			}, KEEPALIVE_MS);
		});
		socket.addEventListener("message", (event) => {
			heardAt = Date.now();
			// The relay speaks first (its snapshot). Only then is the connection open: a socket
			// that opens and dies at once (a proxy, a captive portal) neither resets the backoff
			// nor swallows what the caller sends on "open".
			if (!heard) {
				heard = true;
				attempt = 0;
				options.onState("open");
			}
			if (typeof event.data === "string") options.onText(event.data);
		});
		socket.addEventListener("close", (event) => {
			clearInterval(keepAlive);
			if (ws === socket) ws = null;
			if (!stopped) void retry(event.code);
		});
	};

	const retry = async (code: number) => {
		const again = options.shouldReconnect ? await options.shouldReconnect(code) : code !== SESSION_ENDED_CODE;
		if (stopped) return;
		if (!again) {
			stopped = true;
			options.onState("closed", code);
			return;
		}
		options.onState("waiting", code);
		retryTimer = setTimeout(connect, reconnectDelay(attempt++));
	};

	connect();
	return {
		send(text) {
			if (ws?.readyState !== WebSocket.OPEN) return false;
			ws.send(text);
			return true;
		},
		close() {
			stopped = true;
			clearTimeout(retryTimer);
			clearInterval(keepAlive);
			ws?.close(1000, "done");
			ws = null;
		},
	};
}
