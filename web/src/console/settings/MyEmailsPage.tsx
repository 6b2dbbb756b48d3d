import { useState } from "preact/hooks";
import type { z } from "zod";
import { type StaffNotifyStage, staffNotifyStages } from "../../../../schema/tables/notifications";
import type { StaffPreferencesSchema } from "../../../../workers/contracts/notifications";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { sendJson, staffPath } from "../consoleApi";
import { FormFooter } from "../FormFooter";

type Preferences = z.infer<typeof StaffPreferencesSchema>;

const LABEL: Record<StaffNotifyStage, string> = {
	booking: "A customer books a job in the portal",
	note: "A customer adds a note or a photo to a job",
	estimate_decision: "A customer approves or rejects an estimate",
	payment: "A customer pays an invoice online",
};

function MyEmailsForm({ slug, preferences }: { slug: string; preferences: Preferences }) {
	const [email, setEmail] = useState(preferences.email);
	const [saved, setSaved] = useState(false);
	const form = useApiForm<never>(() => undefined);
	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		await form.submit(async () => {
			const next = await sendJson<Preferences>(slug, "/me/preferences", "PUT", { email });
			setEmail(next.email);
			setSaved(true);
		});
	}
	return (
		<form ref={form.formRef} class="panel" onSubmit={save} aria-labelledby="my-emails-h">
			<fieldset class="booking-section">
				<legend id="my-emails-h">Email me when</legend>
				{staffNotifyStages.map((stage) => (
					<label key={stage} class="check">
						<input
							type="checkbox"
							checked={email[stage]}
							disabled={form.submitting}
							onChange={(e) => setEmail({ ...email, [stage]: e.currentTarget.checked })}
						/>
						{LABEL[stage]}
					</label>
				))}
			</fieldset>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save my emails"
				status={saved ? "Your emails are saved." : ""}
			/>
		</form>
	);
}

function MyEmails({ slug }: { slug: string }) {
	const { state } = useResource<Preferences>(staffPath(slug, "/me/preferences"));
	return (
		<>
			<PageHeader
				title="Your emails"
				description="Which customer actions you hear of by email, besides the inbox. Only you get these."
			/>
			{state.status === "ready" ? (
				<MyEmailsForm slug={slug} preferences={state.data} />
			) : state.status === "error" ? (
				<p class="notice notice-error" role="alert">
					Your email choices didn't load. {state.message}
				</p>
			) : (
				<SkeletonCard />
			)}
		</>
	);
}

/** `/d/:slug/emails`: a dispatcher's own emails about customer actions. */
export function MyEmailsPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Your emails">
			{() => <MyEmails slug={slug} />}
		</ConsolePage>
	);
}
