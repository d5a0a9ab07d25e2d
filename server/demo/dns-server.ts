import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/** What the zone says about one question; `'silence'` sends nothing (a DNS server that hangs). */
type ZoneAnswer =
	| {
			rcode: 'NOERROR';
			records: Array<{ type: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT'; data: string }>;
	  }
	| { rcode: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' }
	| 'silence';

export type Zone = (name: string, type: string) => ZoneAnswer;

export interface LoopbackDns {
	/** `127.0.0.1:PORT`, ready for `WAYMARK_DNS_SERVERS`. */
	server: string;
	port: number;
	close(): Promise<void>;
}

const rcodeNumber = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

/** A DNS server over UDP on 127.0.0.1 (port 0 = any free port) answering from `zone`. */
export async function startLoopbackDns(zone: Zone, port = 0): Promise<LoopbackDns> {
	const socket: Socket = createSocket('udp4');
	socket.on('message', (message, remote) => {
		let query: dnsPacket.Packet;
		try {
			query = dnsPacket.decode(message);
		} catch {
			return;
		}
		const question = query.questions?.[0];
		if (!question) return;
		const answer = zone(question.name.toLowerCase().replace(/\.$/, ''), question.type);
		if (answer === 'silence') return;
		const records = answer.rcode === 'NOERROR' ? answer.records : [];
		const response = dnsPacket.encode({
			id: query.id ?? 0,
			type: 'response',
			flags:
				dnsPacket.RECURSION_DESIRED |
				dnsPacket.RECURSION_AVAILABLE |
				dnsPacket.AUTHORITATIVE_ANSWER |
				rcodeNumber[answer.rcode],
			questions: [question],
			answers: records.map((r) => toAnswer(question.name, r)),
		});
		socket.send(response, remote.port, remote.address);
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('error', reject);
		socket.bind(port, '127.0.0.1', () => resolve());
	});
	const bound = socket.address().port;
	return {
		server: `127.0.0.1:${bound}`,
		port: bound,
		close: () => new Promise((resolve) => socket.close(() => resolve())),
	};
}

function toAnswer(name: string, record: { type: string; data: string }): dnsPacket.Answer {
	const base = { name, ttl: 30, class: 'IN' as const };
	switch (record.type) {
		case 'MX': {
			const [preference, exchange] = record.data.split(' ');
			return {
				...base,
				type: 'MX',
				data: { preference: Number(preference), exchange: exchange ?? '' },
			};
		}
		case 'TXT':
			return { ...base, type: 'TXT', data: record.data };
		default:
			return { ...base, type: record.type as 'A', data: record.data };
	}
}
