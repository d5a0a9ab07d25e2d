/** One small diagram of each common type, as a guidebook author would write it. */
export const diagramSamples: Record<string, string> = {
	flowchart:
		'flowchart LR\n  accTitle: Database failover\n  accDescr: Traffic moves from the primary to the replica.\n  app[App servers] --> primary[(Primary)]\n  primary -. replication .-> replica[(Replica)]',
	sequence:
		'sequenceDiagram\n  participant ops as On-call\n  participant db as Database\n  ops->>db: stop writes\n  db-->>ops: ok',
	class:
		'classDiagram\n  class Backup {\n    +String target\n    +run()\n  }\n  Backup <|-- NightlyBackup',
	state:
		'stateDiagram-v2\n  [*] --> Healthy\n  Healthy --> Degraded: replica lag\n  Degraded --> Healthy: caught up',
	er: 'erDiagram\n  CUSTOMER ||--o{ INVOICE : receives\n  INVOICE ||--|{ LINE : contains',
	gantt:
		'gantt\n  title Cutover\n  dateFormat YYYY-MM-DD\n  section Freeze\n  Announce :a1, 2026-11-20, 1d\n  Migrate  :after a1, 2d',
	pie: 'pie title Disk use\n  "logs" : 40\n  "db" : 50\n  "other" : 10',
	gitGraph: 'gitGraph\n  commit\n  branch hotfix\n  commit\n  checkout main\n  merge hotfix',
	mindmap: 'mindmap\n  root((Incident))\n    Detect\n    Mitigate\n    Review',
	architecture:
		'architecture-beta\n  group lab(cloud)[Lab]\n  service web(server)[Web] in lab\n  service db(database)[DB] in lab\n  web:R -- L:db',
	// Drawn by mermaid's ZenUML plugin, which Waymark registers.
	zenuml: 'zenuml\n  title Failover\n  Ops->DB.promote() {\n    return ok\n  }',
};

/** A page with one fenced block per source. */
export function pageWith(title: string, sources: string[]): string {
	return `# ${title}\n\n${sources.map((s) => `\`\`\`mermaid\n${s}\n\`\`\`\n`).join('\n')}`;
}
