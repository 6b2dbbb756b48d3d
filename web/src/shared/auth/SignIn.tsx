import { useState } from "preact/hooks";
import { CodeStep } from "./CodeStep";
import { EmailStep } from "./EmailStep";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { type Area, useSession } from "./session";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	/** 1 when the form is the page's main content, 2 under the page's own heading. */
	headingLevel?: 1 | 2;
	/** Move focus to the form's heading when it appears (after signing out, the focused button is gone). */
	focusOnMount?: boolean;
};

/** Magic-link sign-in: send a link to an email address, then open it or type the code from it. */
export function SignIn({ area, slug, tenantName, headingLevel = 1, focusOnMount = false }: Props) {
	const session = useSession(area, slug);
	// An invitation's link carries the address (`?email=`) to fill in; sending stays the person's click.
	const [email, setEmail] = useState(() => new URLSearchParams(location.search).get("email") ?? "");
	const [step, setStep] = useState<"email" | "code">("email");
	const [cameBack, setCameBack] = useState(false);
	const shared = { area, slug, tenantName, headingLevel, email };

	if (step === "code") {
		return (
			<>
				<CodeStep
					{...shared}
					onSignedIn={session.signedIn}
					onUseDifferentEmail={() => {
						setCameBack(true);
						setStep("email");
					}}
				/>
				<LanguageSwitcher area={area} slug={slug} />
			</>
		);
	}
	return (
		<>
			<EmailStep
				{...shared}
				onEmailChange={setEmail}
				onSent={() => setStep("code")}
				focusOnMount={cameBack ? "field" : focusOnMount ? "heading" : "none"}
			/>
			<LanguageSwitcher area={area} slug={slug} />
		</>
	);
}
