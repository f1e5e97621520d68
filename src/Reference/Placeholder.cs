namespace Reference;
