import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import type { z } from "zod";
import { notifyStages } from "../../../schema/tables/notifications";
import type { PreferencesSchema, ProfileSchema } from "../../../workers/contracts/notifications";
import { apiFetch } from "../shared/api";
import { FormError, TextField } from "../shared/fields";
import { t } from "../shared/i18n/i18n";
import { Button } from "../shared/ui/Button";
import { Card } from "../shared/ui/Card";
import { ErrorState } from "../shared/ui/ErrorState";
import { PageHeader } from "../shared/ui/PageHeader";
import { SkeletonCard } from "../shared/ui/Skeleton";
import { useApiForm } from "../shared/useApiForm";
import { useResource } from "../shared/useResource";
import { customerPath } from "./customerApi";
import { PortalPage, type PortalRouteProps } from "./PortalPage";

type Profile = z.infer<typeof ProfileSchema>;
type Preferences = z.infer<typeof PreferencesSchema>;
type Stage = (typeof notifyStages)[number];

/** The label of each stage's switch, in the order a job goes through them. */
const stageLabel = (stage: Stage) => t("portal.profile.stage", { stage });

function ProfileForm({ slug, profile }: { slug: string; profile: Profile }) {
	const id = useId();
	const [name, setName] = useState(profile.name);
	const [phone, setPhone] = useState(profile.phone ?? "");
	const [saved, setSaved] = useState(false);
	const form = useApiForm<"name" | "phone">((f) => (f === "name" || f === "phone" ? f : undefined));
	const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
		e.preventDefault();
		setSaved(false);
		void form.submit(async () => {
			const next = await apiFetch<Profile>(customerPath(slug, "/me/profile"), {
				method: "PUT",
				body: JSON.stringify({ name, phone: phone.trim() || null }),
			});
			setName(next.name);
			setPhone(next.phone ?? "");
			setSaved(true);
		});
	};
	return (
		<Card padding="lg">
			<form ref={form.formRef} onSubmit={onSubmit} noValidate class="stack">
				<h2>{t("portal.profile.details")}</h2>
				<FormError message={form.formError} />
				<TextField
					id={`${id}-name`}
					label={t("portal.profile.name")}
					type="text"
					autocomplete="name"
					value={name}
					onInput={(e) => setName(e.currentTarget.value)}
					error={form.errors.name}
				/>
				<p class="muted">{t("portal.profile.email", { email: profile.email })}</p>
				<TextField
					id={`${id}-phone`}
					label={t("form.optional", { label: t("portal.profile.phone") })}
					type="tel"
					autocomplete="tel"
					value={phone}
					onInput={(e) => setPhone(e.currentTarget.value)}
					error={form.errors.phone}
				/>
				<div>
					<Button type="submit" disabled={form.submitting}>
						{t("portal.profile.save")}
					</Button>
				</div>
				{saved ? (
					<p class="notice" role="status">
						{t("portal.profile.saved")}
					</p>
				) : null}
			</form>
		</Card>
	);
}

function PreferencesForm({ slug, preferences }: { slug: string; preferences: Preferences }) {
	const [email, setEmail] = useState(preferences.email);
	const [saved, setSaved] = useState(false);
	const form = useApiForm<never>(() => undefined);
	const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
		e.preventDefault();
		setSaved(false);
		void form.submit(async () => {
			const next = await apiFetch<Preferences>(customerPath(slug, "/me/preferences"), {
				method: "PUT",
				body: JSON.stringify({ email }),
			});
			setEmail(next.email);
			setSaved(true);
		});
	};
	return (
		<Card padding="lg">
			<form ref={form.formRef} onSubmit={onSubmit} class="stack">
				<fieldset class="stack">
					<legend>
						<h2>{t("portal.profile.emails")}</h2>
					</legend>
					<p class="muted">{t("portal.profile.emailsHint")}</p>
					<FormError message={form.formError} />
					{notifyStages.map((stage) => (
						<label key={stage} class="check">
							<input
								type="checkbox"
								name={stage}
								checked={email[stage] !== false}
								onChange={(e) => setEmail({ ...email, [stage]: e.currentTarget.checked })}
							/>
							{stageLabel(stage)}
						</label>
					))}
				</fieldset>
				<div>
					<Button type="submit" disabled={form.submitting}>
						{t("portal.profile.saveEmails")}
					</Button>
				</div>
				{saved ? (
					<p class="notice" role="status">
						{t("portal.profile.emailsSaved")}
					</p>
				) : null}
			</form>
		</Card>
	);
}

function Profile({ slug }: { slug: string }) {
	const profileResource = useResource<Profile>(customerPath(slug, "/me/profile"));
	const preferencesResource = useResource<Preferences>(customerPath(slug, "/me/preferences"));
	const profile = profileResource.state;
	const preferences = preferencesResource.state;
	useEffect(() => {
		document.title = t("portal.profile.title");
	}, []);
	const failed = [profile, preferences].find((r) => r.status === "error");
	return (
		<>
			<PageHeader title={t("portal.profile.title")} description={t("portal.profile.description")} />
			{failed && failed.status === "error" ? (
				<ErrorState
					title={t("portal.profile.loadFailed")}
					message={failed.message}
					onRetry={() => {
						void profileResource.reload();
						void preferencesResource.reload();
					}}
				/>
			) : null}
			<div class="stack">
				{profile.status === "ready" ? <ProfileForm slug={slug} profile={profile.data} /> : <SkeletonCard />}
				{preferences.status === "ready" ? (
					<PreferencesForm slug={slug} preferences={preferences.data} />
				) : (
					<SkeletonCard />
				)}
			</div>
		</>
	);
}

/** `/c/:slug/profile`: name, phone, and which stages of a job the contact gets emails for. */
export function ProfilePage({ slug, branding }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{() => <Profile slug={slug} />}
		</PortalPage>
	);
}
