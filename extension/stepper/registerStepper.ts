/**
 * Replication: the simulation stepper panel and its commands.
 * Called once from activate(); registers contributions only.
 */
import type { ExtensionServices } from '../services';

export function registerStepper(services: ExtensionServices): void {
  void services;
}
