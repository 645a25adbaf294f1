# shellcheck shell=bash
# dev/cluster up --autoscaling: the Prometheus Operator, Prometheus and KEDA. Sourced, not executed.

AUTOSCALING_DAEMONS=()

autoscaling_up() { die "--autoscaling is not implemented yet"; }
autoscaling_down() { :; }
autoscaling_status() { :; }
