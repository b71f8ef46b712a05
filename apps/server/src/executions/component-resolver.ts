import type { MapDefinition, OperationBody } from '@flowline/contracts';
import type { OperationInfo, OperationRef, ResolverPort } from '@flowline/engine';
import type { ComponentsService } from '../components/components.service.js';
import { HttpProblem } from '../errors/problem.js';

type Operation = { name: string; body: OperationBody };

/** Operation bodies by id, read once per execution (a run uses the revisions current when it starts). */
export class OperationBodies {
  private readonly operations = new Map<string, Promise<Operation | undefined>>();

  constructor(private readonly components: ComponentsService) {}

  async get(operationId: string): Promise<OperationBody | undefined> {
    return (await this.named(operationId))?.body;
  }

  /** The operation's body and its name (for messages). */
  named(operationId: string): Promise<Operation | undefined> {
    let found = this.operations.get(operationId);
    if (!found) {
      found = this.components.get(operationId).then(
        (c) => (c.type === 'operation' ? { name: c.name, body: c.body as OperationBody } : undefined),
        (e: unknown) => {
          if (e instanceof HttpProblem && e.status === 404) return undefined;
          throw e;
        },
      );
      this.operations.set(operationId, found);
    }
    return found;
  }
}

/** The engine's ResolverPort over the component store: operations as kind + profiles, maps as JSON. */
export class ComponentResolver implements ResolverPort {
  constructor(
    private readonly components: ComponentsService,
    private readonly bodies: OperationBodies,
  ) {}

  async operation(ref: OperationRef): Promise<OperationInfo | undefined> {
    const found = await this.bodies.named(ref.operationId);
    if (!found) return undefined;
    const { name, body } = found;
    const info: OperationInfo = { name };
    if (body.action) info.kind = body.action;
    if (body.entitySet) info.entitySet = body.entitySet;
    if (body.requestProfile) info.requestProfile = body.requestProfile;
    if (body.responseProfile) info.responseProfile = body.responseProfile;
    if (body.ifMatch) info.ifMatch = body.ifMatch;
    return info;
  }

  async map(mapId: string): Promise<MapDefinition | undefined> {
    try {
      const component = await this.components.get(mapId);
      return component.type === 'map' ? (component.body as MapDefinition) : undefined;
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 404) return undefined;
      throw e;
    }
  }
}
