import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { type Area, areaHomePath, useSession } from "./session";

type Props = { area: Area; slug: string };

/** Who is signed in, with the two ways to sign out; nothing while signed out. */
export function AccountBar({ area, slug }: Props) {
	const session = useSession(area, slug);
	const { path, route } = useLocation();
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<string>();
	if (session.state.status !== "signed-in") return null;
	const { me } = session.state;

	async function endSession(everywhere: boolean) {
		setPending(true);
		setError(undefined);
		try {
			await (everywhere ? session.signOutEverywhere() : session.signOut());
			const home = areaHomePath(area, slug);
			if (path !== home) route(home);
		} catch (err) {
			setError(err instanceof Error ? err.message : "Something went wrong. Please try again.");
		} finally {
			setPending(false);
		}
	}

	return (
		<section class="account-bar" aria-label="Your account">
			<div class="account-who">
				<p class="account-name">Signed in as {me.name}</p>
				{me.accountName ? <p class="account-org muted">{me.accountName}</p> : null}
			</div>
			<div class="account-actions">
				<button type="button" class="button-secondary" disabled={pending} onClick={() => endSession(false)}>
					Sign out
				</button>
				<button type="button" class="button-secondary" disabled={pending} onClick={() => endSession(true)}>
					Sign out everywhere
				</button>
			</div>
			{error ? (
				<p class="notice notice-error account-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	);
}
