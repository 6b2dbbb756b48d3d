import { useEffect, useRef, useState } from "preact/hooks";
import type { Eta, JobStatus, PositionFix, RelayMessage } from "../../../../workers/contracts/live-messages";
import { type LiveSocketOptions, openLiveSocket, SESSION_ENDED_CODE, type SocketState } from "./liveSocket";

export type LatLng = { lat: number; lng: number };

/** What a watcher knows about a live job: the relay's latest word, and the connection. */
export type LiveJob = {
	connection: SocketState["status"];
	/** null until the relay's first snapshot. */
	status: JobStatus | null;
	pausedMessage: string | null;
	/** Only while the stream carries positions (en route, for customers). */
	position: PositionFix | null;
	eta: Eta | null;
	destination: LatLng | null;
};

const INITIAL: LiveJob = {
	connection: "connecting",
	status: null,
	pausedMessage: null,
	position: null,
	eta: null,
	destination: null,
};

/** The next state after one relay message. */
function applyRelayMessage(state: LiveJob, message: RelayMessage): LiveJob {
	switch (message.type) {
		case "snapshot":
			return {
				...state,
				status: message.status,
				pausedMessage: message.pausedMessage,
				position: message.position,
				eta: message.eta,
				destination: message.destination,
			};
		case "position":
			return { ...state, position: message.position, eta: message.eta };
		case "status":
			// The relay stops sending positions to customers once the van is no longer driving to
			// them; forget the last one too, so the page never shows where a technician works.
			return message.status === "en_route"
				? { ...state, status: message.status, pausedMessage: message.pausedMessage }
				: {
						...state,
						status: message.status,
						pausedMessage: message.pausedMessage,
						position: null,
						eta: null,
					};
		case "pong":
			return state;
	}
}

/**
 * Watches a job's relay (`path` is its WebSocket endpoint; null watches nothing). Updates
 * without reload and reconnects by itself; each reconnect starts from the relay's snapshot.
 */
export function useLiveJob(
	path: string | null,
	shouldReconnect?: LiveSocketOptions["shouldReconnect"],
): LiveJob {
	const [state, setState] = useState<LiveJob>(INITIAL);
	// Read at each close, so a new function from a re-render does not reconnect the socket.
	const reconnectRule = useRef(shouldReconnect);
	reconnectRule.current = shouldReconnect;
	useEffect(() => {
		setState(INITIAL);
		if (!path) return;
		const socket = openLiveSocket({
			path,
			onMessage: (message) => setState((s) => applyRelayMessage(s, message)),
			onState: ({ status }) => setState((s) => ({ ...s, connection: status })),
			shouldReconnect: (code) => reconnectRule.current?.(code) ?? code !== SESSION_ENDED_CODE,
		});
		return () => socket.close();
	}, [path]);
	return state;
}
