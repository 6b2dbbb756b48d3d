import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };

export function ConsoleApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Dispatch console">
			{(branding) => (
				<main class="page">
					<h1>{branding.name} dispatch</h1>
				</main>
			)}
		</TenantShell>
	);
}
