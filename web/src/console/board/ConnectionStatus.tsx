import { useEffect, useState } from "preact/hooks";
import type { BoardFeed, Connection } from "./boardFeed";

function describe(connection: Connection, now: number): { text: string; tone: string } {
	switch (connection.status) {
		case "open":
			return { text: "Live", tone: "live" };
		case "connecting":
			return { text: "Connecting…", tone: "waiting" };
		case "waiting": {
			const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
			return {
				text: seconds > 0 ? `Connection lost — retrying in ${seconds} s` : "Connection lost — retrying…",
				tone: "down",
			};
		}
		case "closed":
			return { text: `Disconnected: ${connection.reason || "Your session ended."}`, tone: "down" };
	}
}

/** Whether the board is live, shown in words (the dot only repeats it) and announced when it changes. */
export function ConnectionStatus({ feed }: { feed: BoardFeed }) {
	const connection = feed.connection.value;
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		if (connection.status !== "waiting") return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [connection]);
	const { text, tone } = describe(connection, now);
	// Only the state is announced, not every second of the countdown.
	const announced = connection.status === "waiting" ? "Connection lost — retrying" : text;
	return (
		<p class={`connection connection-${tone}`}>
			<span class="connection-dot" aria-hidden="true" />
			<span aria-hidden="true">{text}</span>
			<span class="visually-hidden" role="status">
				Board connection: {announced}
			</span>
		</p>
	);
}
