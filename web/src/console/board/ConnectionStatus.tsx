import { useEffect, useState } from "preact/hooks";
import type { BoardFeed, Connection } from "./boardFeed";

type Described = { text: string; short: string; tone: "live" | "waiting" | "down" };

function describe(connection: Connection, now: number): Described {
	switch (connection.status) {
		case "open":
			return { text: "Live", short: "Live", tone: "live" };
		case "connecting":
			return { text: "Connecting…", short: "Connecting…", tone: "waiting" };
		case "waiting": {
			const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
			return {
				text: seconds > 0 ? `Connection lost — retrying in ${seconds} s` : "Connection lost — retrying…",
				short: seconds > 0 ? `Retrying in ${seconds} s` : "Retrying…",
				tone: "down",
			};
		}
		case "closed":
			return {
				text: `Disconnected: ${connection.reason || "Your session ended."}`,
				short: "Disconnected",
				tone: "down",
			};
	}
}

/**
 * Whether the board is live, in words (the dot only repeats them; phones get the short words)
 * and announced when it changes.
 */
export function ConnectionStatus({ feed }: { feed: BoardFeed }) {
	const connection = feed.connection.value;
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		if (connection.status !== "waiting") return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [connection]);
	const { text, short, tone } = describe(connection, now);
	// Only the state is announced, not every second of the countdown.
	const announced = connection.status === "waiting" ? "Connection lost — retrying" : text;
	return (
		<p class={`connection connection-${tone}`} title={text === short ? undefined : text}>
			<span class="connection-dot" aria-hidden="true" />
			<span class="connection-text" aria-hidden="true">
				{text}
			</span>
			{text === short ? null : (
				<span class="connection-short" aria-hidden="true">
					{short}
				</span>
			)}
			<span class="visually-hidden" role="status">
				Board connection: {announced}
			</span>
		</p>
	);
}
