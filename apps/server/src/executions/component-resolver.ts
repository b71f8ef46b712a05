import type { MapDefinition, OperationBody } from '@flowline/contracts';
import type { OperationInfo, OperationRef, ResolverPort } from '@flowline/engine';
import type { ComponentsService } from '../components/components.service.js';
import { HttpProblem } from '../errors/problem.js';

/** Operation bodies by id, read once per execution (a run uses the revisions current when it starts). */
export class OperationBodies {
  private readonly bodies = new Map<string, Promise<OperationBody | undefined>>();

  constructor(private readonly components: ComponentsService) {}

  get(operationId: string): Promise<OperationBody | undefined> {
    let body = this.bodies.get(operationId);
    if (!body) {
      body = this.components.get(operationId).then(
        (c) => (c.type === 'operation' ? (c.body as OperationBody) : undefined),
        (e: unknown) => {
          if (e instanceof HttpProblem && e.status === 404) return undefined;
          throw e;
        },
      );
      this.bodies.set(operationId, body);
    }
    return body;
  }
}

/** The engine's ResolverPort over the component store: operations as kind + profiles, maps as JSON. */
export class ComponentResolver implements ResolverPort {
  constructor(
    private readonly components: ComponentsService,
    private readonly bodies: OperationBodies,
  ) {}

  async operation(ref: OperationRef): Promise<OperationInfo | undefined> {
    const body = await this.bodies.get(ref.operationId);
    if (!body?.action) return undefined;
    const info: OperationInfo = { kind: body.action };
    if (body.entitySet) info.entitySet = body.entitySet;
    if (body.requestProfile) info.requestProfile = body.requestProfile;
    if (body.responseProfile) info.responseProfile = body.responseProfile;
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
