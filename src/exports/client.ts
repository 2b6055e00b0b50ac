// Client components for the admin are added here as features land.
export {}
