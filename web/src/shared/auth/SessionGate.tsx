import type { ComponentChildren } from "preact";
import { t } from "../i18n/i18n";
import { SignIn } from "./SignIn";
import { type Area, type Me, useSession } from "./session";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	/** Level of the sign-in form's heading: 2 when the page already has its own h1. */
	headingLevel?: 1 | 2;
	children: (me: Me) => ComponentChildren;
};

/** Shows its content to a signed-in person and the sign-in form to anyone else. */
export function SessionGate({ area, slug, tenantName, headingLevel = 1, children }: Props) {
	const session = useSession(area, slug);
	const { state } = session;
	switch (state.status) {
		case "loading":
			return (
				<p class="muted" aria-busy="true">
					{t("session.checking")}
				</p>
			);
		case "error":
			return (
				<div class="notice notice-error" role="alert">
					<p>{state.message}</p>
					<button type="button" onClick={() => void session.refresh()}>
						{t("action.tryAgain")}
					</button>
				</div>
			);
		case "signed-out":
			return (
				<SignIn
					area={area}
					slug={slug}
					tenantName={tenantName}
					headingLevel={headingLevel}
					focusOnMount={state.byUser}
				/>
			);
		case "signed-in":
			return <>{children(state.me)}</>;
	}
}
