/**
 * pgjwt: dumped history that creates it (Supabase pre-installed it until it was deprecated)
 * replays, and tokens signed in migrations are the real HS256 ones.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { expectEmulatedReplay, replayFixture } from './support';

beforeAll(() => loadParser());

it('signs and verifies tokens as pgjwt does, labelled as emulated', async () => {
  expectEmulatedReplay(await replayFixture('pgjwt'), 'pgjwt');
});
