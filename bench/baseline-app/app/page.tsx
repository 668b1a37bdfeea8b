// A bare Next.js page: the framework's own first-load JavaScript, nothing of Portico's.
export const dynamic = "force-dynamic";

export default function BarePage() {
  return <main>Bare Next.js page</main>;
}
