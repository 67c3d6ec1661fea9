/**
 * Profile groups: several profiles from one recording (one per thread, per process, or the
 * profiles of a speedscope file). Built through `makeGroup` so the active index is always valid.
 */
import { type Profile, type ProfileGroup } from './types';

export function makeGroup(name: string, profiles: readonly Profile[], activeIndex = 0): ProfileGroup {
  if (profiles.length === 0) throw new Error('a profile group needs at least one profile');
  const active = Number.isInteger(activeIndex) && activeIndex >= 0 && activeIndex < profiles.length ? activeIndex : 0;
  return Object.freeze({ name, activeIndex: active, profiles: Object.freeze(profiles.slice()) });
}
