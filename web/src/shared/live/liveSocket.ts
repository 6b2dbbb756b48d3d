import type { RelayMessage, TechnicianMessage } from "../../../../workers/contracts/live-messages";
import { openReconnectingSocket, type ReconnectingSocket, type SocketState } from "../reconnectingSocket";

/** The relay's messages' schema: zod and the contracts are fetched when a live view connects, not with the page. */
const relayMessage = () => import("../../../../workers/contracts/live-messages").then((m) => m.RelayMessage);

export type { SocketState };

/** Closed by the relay because the session ended or the person was blocked: retrying cannot help. */
export const SESSION_ENDED_CODE = 4003;

export type LiveSocketOptions = {
	/** Same-origin path of the job's WebSocket endpoint, e.g. `/api/c/acme/jobs/job_1/live`. */
	path: string;
	onMessage: (message: RelayMessage) => void;
	onState: (state: SocketState) => void;
	/**
	 * Asked before each reconnect; false stops retrying (a tracking link that was revoked).
	 * By default every close except a session-ended one is retried.
	 */
	shouldReconnect?: (closeCode: number) => boolean | Promise<boolean>;
};

/**
 * A job relay's socket, for watchers and the technician alike: the relay speaks first (its
 * snapshot), answers `{"type":"ping"}` with a pong, and starts every connection from a fresh
 * snapshot, so there is nothing to catch up.
 */
export function openLiveSocket(options: LiveSocketOptions): ReconnectingSocket {
	return openReconnectingSocket({
		path: () => options.path,
		schema: relayMessage,
		ping: JSON.stringify({ type: "ping" } satisfies TechnicianMessage),
		onMessage: options.onMessage,
		onState: options.onState,
		shouldReconnect: options.shouldReconnect ?? ((code) => code !== SESSION_ENDED_CODE),
	});
}
