import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/http/actor';
import type { ContractContent } from './domain/contract-terms';

/** A contract that has just come into force (countersigned), as the modules built on it need it. */
export interface ActivatedContract {
  id: string;
  competitionId: string;
  applicationId: string;
  number: string;
  content: ContractContent;
}

/** Runs in the countersigning transaction: a failure refuses the countersigning, nothing is saved. */
export type OnContractActive = (tx: EntityManager, contract: ActivatedContract, actor: Actor) => Promise<void>;

/**
 * What else happens when a contract comes into force. The modules built on contracts (the
 * reports' schedule) depend on this one, so they register here (in onModuleInit), as the
 * reminder sweeps and the outcome publications do; ContractsService runs them in order.
 */
@Injectable()
export class ContractActivations {
  private readonly steps = new Map<string, OnContractActive>();

  register(name: string, step: OnContractActive): void {
    if (this.steps.has(name)) throw new Error(`contract activation step ${name} registered twice`);
    this.steps.set(name, step);
  }

  async run(tx: EntityManager, contract: ActivatedContract, actor: Actor): Promise<void> {
    for (const step of this.steps.values()) await step(tx, contract, actor);
  }
}
