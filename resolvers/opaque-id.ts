/** An id for objects that are not nodes (an afvigelse, a decision): opaque, stable, not decodable as a node. */
export const opaqueId = (type: string, id: number): string => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
