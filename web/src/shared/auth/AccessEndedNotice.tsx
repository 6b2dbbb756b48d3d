import { useEffect, useRef, useState } from "preact/hooks";
import { apiFetch } from "../api";
import { t } from "../i18n/i18n";
import { Button } from "../ui/Button";
import { accessEnded, noteAccessEnded } from "./accessEnded";
import { type Area, useSession } from "./session";

type Props = { area: Area; slug: string; tenantName: string; supportPhone: string | null };

/**
 * While signed in, keeps the light access socket to the tenant's gate open: when the person's
 * access ends (blocked, removed, signed out on every device) the push arrives at once.
 */
function useAccessSocket(area: Area, slug: string, signedIn: boolean) {
	useEffect(() => {
		if (!signedIn || typeof WebSocket === "undefined") return;
		const base = `/api/${area}/${encodeURIComponent(slug)}`;
		let attempts = 0;
		let socket: { close(): void } | null = null;
		let stopped = false;
		// The socket code loads after the first page, with the live view's: it stays off the first load.
		void import("../reconnectingSocket").then(({ openReconnectingSocket }) => {
			if (stopped) return;
			socket = openReconnectingSocket({
				// Before a reconnect, `GET /me`: an upgrade refused because access ended says nothing
				// to the page, but that answer's reason shows the notice (see api.ts) and stops here.
				path: async () => {
					if (attempts++ > 0) {
						await apiFetch(`${base}/me`);
						if (accessEnded.value) throw new Error("access ended");
					}
					return `${base}/access/live`;
				},
				// Loaded with the socket, not with the first page: zod stays off the first load.
				schema: () => import("../../../../workers/contracts/access").then((m) => m.AccessMessage),
				ping: "ping",
				onMessage: (message) => {
					if (message.type === "access_ended") {
						noteAccessEnded(message.reason);
						socket?.close();
					}
				},
				onState: () => undefined,
				// Closed by the server with 4003: access ended, the frame before it said why.
				shouldReconnect: (code) => code !== 4003 && !accessEnded.value,
			});
		});
		return () => {
			stopped = true;
			socket?.close();
		};
	}, [area, slug, signedIn]);
}

/**
 * The full-page notice that access ended and why ("Your access was removed — call Acme Courier
 * on …"), the same on every page of every app. The page under it stays as it was, so a form
 * keeps what was typed: "See what I typed" folds the notice into a banner over the page.
 */
export function AccessEndedNotice({ area, slug, tenantName, supportPhone }: Props) {
	const session = useSession(area, slug);
	const reason = accessEnded.value;
	useAccessSocket(area, slug, session.state.status === "signed-in" && !reason);
	const [folded, setFolded] = useState(false);
	const heading = useRef<HTMLHeadingElement>(null);
	useEffect(() => {
		if (reason) heading.current?.focus();
	}, [reason]);
	if (!reason) return null;
	const title = {
		access_removed: t("accessEnded.removed.title"),
		blocked: t("accessEnded.blocked.title", { tenant: tenantName }),
		signed_out: t("accessEnded.signedOut.title"),
	}[reason];
	const what =
		reason === "signed_out"
			? t("accessEnded.signedOut.body")
			: supportPhone
				? t("accessEnded.call", { tenant: tenantName, phone: supportPhone })
				: t("accessEnded.contact", { tenant: tenantName });
	return (
		<div
			class={folded ? "access-ended access-ended-folded" : "access-ended"}
			role="alertdialog"
			aria-modal={folded ? "false" : "true"}
			aria-labelledby="access-ended-title"
			aria-describedby="access-ended-body"
		>
			<div class="access-ended-panel">
				<h1 id="access-ended-title" ref={heading} tabIndex={-1}>
					{title}
				</h1>
				<p id="access-ended-body">
					{what}
					{supportPhone && reason !== "signed_out" ? (
						<>
							{" "}
							<a href={`tel:${supportPhone.replace(/[^+\d]/g, "")}`}>
								{t("shell.call", { phone: supportPhone })}
							</a>
						</>
					) : null}
				</p>
				<p class="access-ended-actions">
					<Button type="button" onClick={() => location.reload()}>
						{t("accessEnded.signInAgain")}
					</Button>
					{folded ? null : (
						<Button type="button" variant="secondary" onClick={() => setFolded(true)}>
							{t("accessEnded.seePage")}
						</Button>
					)}
				</p>
			</div>
		</div>
	);
}
