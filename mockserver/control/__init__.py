"""The control plane: the admin API under /__mock__/, fault rules, the request journal and the
mock's clock."""
