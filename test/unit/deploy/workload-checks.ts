import { parseDuration } from '../../../src/config/duration.js';
import { only, type Manifest } from './kubernetes-manifests.js';

export interface Probe { httpGet?: { path?: string; port?: string | number } }
export interface Container {
  name: string;
  image?: string;
  args?: string[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string }; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
}
interface DeploymentSpec { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } }
interface ServiceSpec { selector: Record<string, string>; ports: { name?: string; port: number; targetPort?: string | number }[] }
interface ServiceMonitorSpec { selector: { matchLabels: Record<string, string> }; endpoints: { port?: string; path?: string; interval?: string; scrapeTimeout?: string }[] }

const subset = (small: Record<string, string>, big: Record<string, string> | undefined): boolean =>
  Object.keys(small).length > 0 && Object.entries(small).every(([key, value]) => big?.[key] === value);

/** The exporter's container of a Deployment. */
export const exporterContainer = (deployment: Manifest): Container => {
  const container = (deployment['spec'] as DeploymentSpec).template.spec.containers[0];
  if (container === undefined) throw new Error('the Deployment has no container');
  return container;
};

/** The value of `--flag=value` among a container's args. */
export const flag = (container: Container, name: string): string | undefined =>
  container.args?.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);

/**
 * Everything that must agree between the Deployment, its Service and ServiceMonitor, and the Secret and
 * ConfigMap it mounts: returns one message per problem (none when the set is coherent). `configMapName`
 * is the name the config volume must reference (kustomize adds a hash to the generated one).
 */
export function workloadProblems(manifests: readonly Manifest[], secret: Manifest, configMap: Manifest): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => void (ok || problems.push(message));
  const deployment = only(manifests, 'Deployment');
  const spec = deployment['spec'] as DeploymentSpec;
  const pod = spec.template.spec;
  const container = exporterContainer(deployment);
  const service = only(manifests, 'Service');
  const serviceSpec = service['spec'] as ServiceSpec;
  const monitor = only(manifests, 'ServiceMonitor');
  const monitorSpec = monitor['spec'] as ServiceMonitorSpec;

  const listenPort = Number((flag(container, '--web.listen-address') ?? ':7723').split(':').pop());
  const containerPort = (ref: string | number | undefined): number | undefined =>
    typeof ref === 'number' ? ref : container.ports?.find((port) => port.name === ref)?.containerPort;
  check(listenPort === 7723, `the exporter listens on ${listenPort}, not 7723`);
  check(subset(spec.selector.matchLabels, spec.template.metadata.labels), 'the Deployment selector does not match its pod labels');
  check(subset(serviceSpec.selector, spec.template.metadata.labels), 'the Service selector does not match the pod labels');
  const metricsPort = serviceSpec.ports.find((port) => port.name === 'http-metrics');
  check(metricsPort?.port === 7723, 'the Service has no port http-metrics on 7723');
  check(containerPort(metricsPort?.targetPort ?? metricsPort?.port) === listenPort, 'the Service port does not lead to the port the exporter listens on');
  check(subset(monitorSpec.selector.matchLabels, service.metadata.labels), 'the ServiceMonitor does not select the Service');
  check(monitorSpec.endpoints.every((endpoint) => serviceSpec.ports.some((port) => port.name === endpoint.port)), 'a ServiceMonitor endpoint names no Service port');
  check(monitorSpec.endpoints.every((endpoint) => (endpoint.path ?? '/metrics') === (flag(container, '--web.telemetry-path') ?? '/metrics')), 'the ServiceMonitor scrapes another path than the telemetry path');
  for (const endpoint of monitorSpec.endpoints) {
    // Prometheus refuses a scrape whose timeout is longer than its interval; the schema takes any string.
    const interval = parseDuration(endpoint.interval ?? '30s');
    const timeout = parseDuration(endpoint.scrapeTimeout ?? '10s');
    check(interval !== undefined && timeout !== undefined && timeout <= interval, 'a ServiceMonitor endpoint has no Prometheus interval and scrapeTimeout within it');
  }
  for (const [probe, path] of [['livenessProbe', '/-/healthy'], ['readinessProbe', '/-/ready']] as const) {
    check(container[probe]?.httpGet?.path === path, `${probe} does not GET ${path}`);
    check(containerPort(container[probe]?.httpGet?.port) === listenPort, `${probe} does not hit the port the exporter listens on`);
  }

  check(pod.securityContext?.runAsNonRoot === true && (pod.securityContext.runAsUser ?? 0) > 0, 'the pod may run as root');
  check(pod.securityContext?.seccompProfile?.type === 'RuntimeDefault', 'the pod has no RuntimeDefault seccomp profile');
  check(container.securityContext?.allowPrivilegeEscalation === false, 'privilege escalation is allowed');
  check(container.securityContext?.readOnlyRootFilesystem === true, 'the root filesystem is writable');
  check(container.securityContext?.capabilities?.drop?.includes('ALL') === true, 'capabilities are not all dropped');
  for (const kind of ['requests', 'limits'] as const) {
    check(container.resources?.[kind]?.['cpu'] !== undefined && container.resources[kind]['memory'] !== undefined, `cpu or memory ${kind} missing`);
  }

  const mountOf = (volume: string): string | undefined => container.volumeMounts?.find((mount) => mount.name === volume)?.mountPath;
  const configVolume = pod.volumes?.find((volume) => volume.configMap?.name === configMap.metadata.name);
  const configFile = flag(container, '--config.file') ?? '';
  const configMount = configVolume === undefined ? undefined : mountOf(configVolume.name);
  check(configMount !== undefined && configFile.startsWith(`${configMount}/`), `--config.file ${configFile} is not in the mounted ConfigMap ${configMap.metadata.name}`);
  const configKey = configFile.slice((configMount ?? '').length + 1);
  check(typeof (configMap['data'] as Record<string, string> | undefined)?.[configKey] === 'string', `the ConfigMap has no key ${configKey}`);
  const secretKeys = Object.keys({ ...(secret['stringData'] as object), ...(secret['data'] as object) });
  const secretVolume = pod.volumes?.find((volume) => volume.secret?.secretName === secret.metadata.name);
  check(secretVolume !== undefined && mountOf(secretVolume.name) !== undefined, `the Secret ${secret.metadata.name} is not mounted`);
  check((secretVolume?.secret?.items ?? []).every((item) => secretKeys.includes(item.key)), 'a mounted Secret item is not a key of the Secret');
  for (const env of container.env ?? []) {
    const ref = env.valueFrom?.secretKeyRef;
    if (ref !== undefined) check(ref.name === secret.metadata.name && secretKeys.includes(ref.key), `env ${env.name} reads a key the Secret lacks`);
  }
  return problems;
}

/** Where each key of the Secret is mounted as a file (mount path/item path), for the keys that are. */
export function secretFiles(deployment: Manifest, secret: Manifest): Record<string, string> {
  const pod = (deployment['spec'] as DeploymentSpec).template.spec;
  const volume = pod.volumes?.find((v) => v.secret?.secretName === secret.metadata.name);
  const mount = exporterContainer(deployment).volumeMounts?.find((m) => m.name === volume?.name)?.mountPath;
  if (volume === undefined || mount === undefined) return {};
  const keys = Object.keys({ ...(secret['stringData'] as object), ...(secret['data'] as object) });
  const items = volume.secret?.items ?? keys.map((key) => ({ key, path: key }));
  return Object.fromEntries(items.map((item) => [item.key, `${mount}/${item.path}`]));
}

/** The container's environment, with values of secretKeyRef entries looked up in the Secret's stringData. */
export function containerEnv(deployment: Manifest, secret: Manifest): Record<string, string> {
  const data = (secret['stringData'] ?? {}) as Record<string, string>;
  return Object.fromEntries((exporterContainer(deployment).env ?? []).map((env) => [env.name, data[env.valueFrom?.secretKeyRef?.key ?? ''] ?? '']));
}
