export default async function globalTeardown(): Promise<void> {
  await globalThis.__MIGRATION_GATE_PG__?.stop();
}
