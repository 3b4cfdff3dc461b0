import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../schemas/zod-mini.ts';
import { BookReservationBodySchema, RESERVATION_ROUTES, ReservationActionBodySchema, SlotQuerySchema } from '../../schemas/reservation-api.ts';
import { bookReservation } from '../core/reservations/book-reservation.ts';
import { ReservationNotFoundError, ReservationRefusedError, ReservationStateError } from '../core/reservations/errors.ts';
import { isReservationId } from '../core/reservations/ids.ts';
import { listAvailableSlots } from '../core/reservations/list-slots.ts';
import { cancelReservation, recordNoShow } from '../core/reservations/reservation-lifecycle.ts';
import { reservationView } from '../core/reservations/reservation-view.ts';
import { InvalidSlotError } from '../core/reservations/slot-schedule.ts';
import { HttpError, httpErrors, json, parseJsonBody, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { reservationsApiDeps } from '../wiring/aws/reservations-api.ts';
import type { ReservationsApiDeps } from '../wiring/deps/reservations-api.ts';

export { RESERVATION_ROUTES };

const DayQuerySchema = z.object({ date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be a KST date YYYY-MM-DD')) });
const WorkQuerySchema = z.object({ reservationId: z.optional(z.string().check(z.refine(isReservationId, 'not a reservation id'))) });

const REFUSAL_STATUS: Record<ReservationRefusedError['code'], number> = {
  slot_full: 409,
  already_booked: 409,
  request_id_reused: 409,
  expired: 409,
  invalid_citizen: 422,
  not_bookable: 422,
};

/** In AWS the IAM caller (the API uses AWS_IAM auth); locally the name the console gives. */
function counselorOf(event: APIGatewayProxyEvent, claimed: string | undefined): string | undefined {
  const iam = event.requestContext.identity.userArn;
  if (iam) return iam.split('/').pop() ?? iam;
  return claimed;
}

function idParam(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (!id || !isReservationId(id)) throw new HttpError(404, 'no reservation with that id');
  return id;
}

/** Sign-language video counselling reservations: slots, booking, cancellation, no-show. */
export function createReservationsApiHandler(getDeps: () => Promise<ReservationsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const route = `${event.httpMethod} ${event.resource}`;
    const query = event.queryStringParameters ?? {};
    try {
      switch (route) {
        case 'GET /reservations/slots': {
          const { from, to } = parseWith(SlotQuerySchema, query, 'query');
          return json(200, { timeZone: 'Asia/Seoul', items: await listAvailableSlots(deps.reservations, from, to) });
        }
        case 'GET /reservations': {
          const { date } = parseWith(DayQuerySchema, query, 'query');
          const items = await deps.reservations.repository.listByDay(date);
          return json(200, { date, items: items.map(reservationView) });
        }
        case 'POST /reservations': {
          const body = parseJsonBody(event, BookReservationBodySchema);
          const { reservation, created } = await bookReservation(deps.reservations, body);
          return json(created ? 201 : 200, reservationView(reservation), { location: `/reservations/${reservation.reservationId}` });
        }
        case 'GET /reservations/scheduled-work': {
          if (!deps.scheduledWork) throw new HttpError(404, 'scheduled work is held by EventBridge Scheduler in this deployment');
          const { reservationId } = parseWith(WorkQuerySchema, query, 'query');
          return json(200, { items: await deps.scheduledWork.list(reservationId) });
        }
        case 'GET /reservations/{id}': {
          const reservation = await deps.reservations.repository.get(idParam(event));
          if (!reservation) throw new HttpError(404, 'no reservation with that id');
          return json(200, reservationView(reservation));
        }
        case 'POST /reservations/{id}/cancel': {
          const body = event.body ? parseJsonBody(event, ReservationActionBodySchema) : {};
          const counselor = counselorOf(event, body.counselor);
          const result = await cancelReservation(deps.reservations, {
            reservationId: idParam(event),
            actor: counselor ? `counselor:${counselor}` : 'citizen',
            ...(body.reason ? { reason: body.reason } : {}),
          });
          return json(200, { changed: result.changed, reservation: reservationView(result.reservation) });
        }
        case 'POST /reservations/{id}/no-show': {
          const body = event.body ? parseJsonBody(event, ReservationActionBodySchema) : {};
          const result = await recordNoShow(deps.reservations, {
            reservationId: idParam(event),
            actor: `counselor:${counselorOf(event, body.counselor) ?? 'local-counselor'}`,
            ...(body.reason ? { reason: body.reason } : {}),
          });
          return json(200, { changed: result.changed, reservation: reservationView(result.reservation) });
        }
        default:
          throw new HttpError(404, `no route ${route}`);
      }
    } catch (error) {
      if (error instanceof ReservationRefusedError) {
        throw new HttpError(REFUSAL_STATUS[error.code], error.message, { code: error.code, ...(error.reservationId ? { reservationId: error.reservationId } : {}) });
      }
      if (error instanceof ReservationNotFoundError) throw new HttpError(404, 'no reservation with that id');
      if (error instanceof ReservationStateError) throw new HttpError(409, error.message);
      if (error instanceof InvalidSlotError) throw new HttpError(400, error.message);
      throw error;
    }
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createReservationsApiHandler(lazy(reservationsApiDeps));
