#!/usr/bin/env node
import { buildGatewayApp } from '../lib/gateway-app.ts';

// `-c stage=dev` synthesizes that stage only; without it, every stage of lib/config/stages.ts.
buildGatewayApp().app.synth();
